import { z } from "zod";
import { addImage, countLiveImages } from "@/db/queries/work";
import { route } from "@/lib/server/action";
import { FormError } from "@/lib/errors";
import { IMAGE_LIMITS } from "@/lib/image-checks";
import { ImageRejected, processImage, storeProcessedImage } from "@/lib/server/images";
import { BODY_LIMITS, readBodyWithin, UPLOAD_TOO_LARGE } from "@/lib/request-edge";
import { deleteStoredFile } from "@/lib/server/storage";
import { idSchema } from "@/lib/validations/common";
import { WORK_LIMITS } from "@/lib/validations/workspace";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ assignmentId: idSchema });

/** Upload one graphic (multipart field "file", optional "caption"). Nothing is stored unless all checks pass. */
export const POST = route("student", paramsSchema, async ({ assignmentId }, user, request) => {
  if (countLiveImages(user, assignmentId) >= IMAGE_LIMITS.maxImages) {
    throw new FormError(`You can upload up to ${IMAGE_LIMITS.maxImages} graphics. Delete one to add another.`);
  }
  // Read with a limit rather than request.formData(), which would take in any size of body first
  // (a declared Content-Length over it never gets here: see lib/request-edge.ts). A body cut short
  // because the client left reads as no file.
  const body = await readBodyWithin(request.body, BODY_LIMITS.upload).catch(() => new Uint8Array(0));
  if (!body) return Response.json({ error: UPLOAD_TOO_LARGE }, { status: 413, headers: { "Cache-Control": "no-store" } });
  const contentType = request.headers.get("content-type") ?? "";
  const form = await new Response(body, { headers: { "content-type": contentType } }).formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File)) throw new FormError("Choose an image file to upload.");
  const caption = String(form?.get("caption") ?? "")
    .trim()
    .slice(0, WORK_LIMITS.caption);

  let processed;
  try {
    processed = await processImage(new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    if (error instanceof ImageRejected) throw new FormError(error.message);
    throw error;
  }
  const stored = await storeProcessedImage(processed);
  try {
    const image = addImage(user, assignmentId, stored, caption);
    return Response.json(
      { image: { id: image.id, caption: image.caption, width: image.width, height: image.height, checks: image.checks } },
      { status: 201 },
    );
  } catch (error) {
    await Promise.all([deleteStoredFile(stored.storageKey), deleteStoredFile(stored.thumbnailKey)]);
    throw error;
  }
});
