import { toWorkImage } from "@/lib/workspace";
import "../../../../../lib/zod-jitless";
import { z } from "zod";
import type { SessionUser } from "@/db/queries/accounts";
import { addImage, imagesHeld } from "@/db/queries/work";
import { route } from "@/lib/server/action";
import { FormError } from "@/lib/errors";
import { noRoomFor } from "@/lib/image-checks";
import { imageQueue, QueueFull, QueueLeft } from "@/lib/server/image-queue";
import { ImageRejected, processUploadedForm, storeProcessedImage } from "@/lib/server/images";
import { BODY_LIMITS, SERVER_BUSY, UPLOAD_TOO_LARGE } from "@/lib/server/request-edge";
import { discardStoredFiles } from "@/lib/server/stored-files";
import { spoolBody, type SpooledBody } from "@/lib/server/upload-body";
import { idSchema } from "@/lib/validations/common";
import { uploadPositionSchema } from "@/lib/validations/workspace";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ assignmentId: idSchema });

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Upload one graphic (multipart field "file"; query `position`: the place reserved for it when it
 * was picked). Nothing is stored unless all checks pass. It starts without a caption: the student
 * writes one afterwards, through the caption's own schema.
 */
export const POST = route("student", paramsSchema, async ({ assignmentId }, user, request) => {
  const position = uploadPositionSchema.safeParse(new URL(request.url).searchParams.get("position") ?? undefined);
  if (!position.success) throw new FormError("That upload's place in the list is not valid. Reload the page and try again.");
  // Uploads of this student's design still on their way count as graphics already: a script sending
  // many at once can't fill the image queue every class shares (this instance's; the row's own
  // transaction counts them all in the end).
  const key = `${user.id} ${assignmentId}`;
  const held = await imagesHeld(user, assignmentId);
  const full = noRoomFor({ ...held, live: held.live + (inFlight.get(key) ?? 0) }, 1);
  if (full) throw new FormError(full);
  inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
  try {
    return await receive(request, user, assignmentId, position.data);
  } finally {
    const left = inFlight.get(key)! - 1;
    if (left > 0) inFlight.set(key, left);
    else inFlight.delete(key);
  }
});

/** Uploads under way, by student and assignment. */
const inFlight = new Map<string, number>();

async function receive(request: Request, user: SessionUser, assignmentId: string, position: number | undefined) {
  // The body goes to disk as it arrives, within a limit (a declared Content-Length over it never
  // gets here: see lib/server/request-edge.ts), so an upload waiting for its turn holds no memory. A body
  // cut short because the client left reads as no file.
  const body = await spoolBody(request.body, BODY_LIMITS.upload);
  if (!body) return Response.json({ error: UPLOAD_TOO_LARGE }, { status: 413, headers: NO_STORE });
  if (body.size === 0) throw new FormError("Choose an image file to upload."); // nothing to wait in line for
  let stored;
  try {
    // A bounded number of images is decoded at once, in turn; the rest wait here, however long the
    // line (the body is in, so the server's request timeout no longer applies).
    stored = await imageQueue().run(() => processUpload(body, request.headers.get("content-type") ?? ""), request.signal);
  } catch (error) {
    if (error instanceof QueueFull) {
      return Response.json(
        { error: SERVER_BUSY.error },
        { status: SERVER_BUSY.status, headers: { ...NO_STORE, "Retry-After": String(SERVER_BUSY.retryAfterSeconds) } },
      );
    }
    if (error instanceof QueueLeft) throw new FormError("The upload was cancelled."); // nobody is listening any more
    throw error;
  } finally {
    await body.discard();
  }
  try {
    const image = await addImage(user, assignmentId, stored, "", { position });
    return Response.json({ image: toWorkImage(image) }, { status: 201 });
  } catch (error) {
    await discardStoredFiles([stored.storageKey, stored.thumbnailKey]);
    throw error;
  }
}

/**
 * In the queue's slot: an image worker reads the form from the spooled body, checks and re-encodes
 * the image (the body never comes into this process's memory); then it is stored.
 */
async function processUpload(body: SpooledBody, contentType: string) {
  let processed;
  try {
    processed = await processUploadedForm(body.path, contentType);
  } catch (error) {
    if (error instanceof ImageRejected) throw new FormError(error.message);
    throw error;
  }
  return await storeProcessedImage(processed);
}
