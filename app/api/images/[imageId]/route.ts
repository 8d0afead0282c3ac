import "../../../../lib/zod-jitless";
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
 * The browser keeps no copy (`no-store`): with a copy, the next person at a shared school computer
 * could bring back a signed-out student's picture from the history or with Back, which browsers
 * show from their cache without asking the server, even for a copy marked `no-cache`.
 */
export const GET = route("user", querySchema, async ({ imageId, variant }, user) => {
  const image = await getViewableImage(user, imageId);
  const key = variant === "thumb" ? image.thumbnailKey : image.storageKey;
  const file = await openStoredFile(key);
  return new Response(file.body, {
    headers: {
      "Content-Type": file.type,
      "Content-Length": String(file.size),
      "Content-Disposition": `inline; filename="${key}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
});
