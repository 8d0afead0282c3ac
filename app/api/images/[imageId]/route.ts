import { z } from "zod";
import { getViewableImage } from "@/db/queries/work";
import { route } from "@/lib/server/action";
import { readStoredFile } from "@/lib/server/storage";
import { idSchema } from "@/lib/validations/common";

export const dynamic = "force-dynamic";

const querySchema = z.object({ imageId: idSchema, variant: z.enum(["full", "thumb"]).default("full") });

/** Serves an uploaded image to its student or the section's teacher; everyone else gets 404. */
export const GET = route("user", querySchema, async ({ imageId, variant }, user) => {
  const image = await getViewableImage(user, imageId);
  const key = variant === "thumb" ? image.thumbnailKey : image.storageKey;
  const data = await readStoredFile(key);
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": variant === "thumb" ? "image/webp" : image.mime,
      "Content-Length": String(data.byteLength),
      "Content-Disposition": `inline; filename="${key}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=3600",
    },
  });
});
