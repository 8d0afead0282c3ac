import "../../../../lib/zod-jitless";
import fresh from "fresh";
import { z } from "zod";
import { getViewableImage } from "@/db/queries/work";
import { route } from "@/lib/server/action";
import { openStoredFile } from "@/lib/server/storage";
import { idSchema } from "@/lib/validations/common";

export const dynamic = "force-dynamic";

const querySchema = z.object({ imageId: idSchema, variant: z.enum(["full", "thumb"]).default("full") });

/**
 * Serves an uploaded image to its student or the section's teacher; everyone else gets 404. The
 * file is opened only after that check and streamed through, from the local folder or the bucket
 * alike (no public or signed URL). The headers carry only what the server chose: the key it generated
 * and the type that key names.
 *
 * The browser keeps a copy but asks again each time it shows it (`no-cache`): with a copy it could
 * show for an hour unasked, the next person at a shared school computer could open a signed-out
 * student's picture from the history. The question is cheap: a stored key's bytes never change, so
 * the key is the ETag, and once the check has passed a copy the browser still holds gets a 304
 * without the file being opened.
 */
export const GET = route("user", querySchema, async ({ imageId, variant }, user, request) => {
  const image = await getViewableImage(user, imageId);
  const key = variant === "thumb" ? image.thumbnailKey : image.storageKey;
  const caching = { ETag: `"${key}"`, "Cache-Control": "private, no-cache" };
  if (fresh({ "if-none-match": request.headers.get("if-none-match") ?? undefined }, { etag: caching.ETag })) {
    return new Response(null, { status: 304, headers: caching });
  }
  const file = await openStoredFile(key);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.type,
      "Content-Length": String(file.size),
      "Content-Disposition": `inline; filename="${key}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      ...caching,
    },
  });
});
