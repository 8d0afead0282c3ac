import { z } from "zod";
import { route } from "@/lib/server/action";
import { renderCardPng } from "@/lib/server/card-render";
import { loadClassRecap } from "@/lib/server/recap";
import { NotFoundError } from "@/lib/errors";
import { layoutCards } from "@/lib/studio/layout";
import { recapSettings } from "@/lib/studio/recap";
import { idSchema } from "@/lib/validations/common";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ sectionId: idSchema, assignmentId: idSchema, slide: z.coerce.number().int().min(1).max(20) });

/** One card of the Class Recap as a PNG download ("class-recap-2.png"). */
export const GET = route("teacher", paramsSchema, async ({ sectionId, assignmentId, slide }, user) => {
  const { slides } = await loadClassRecap(user, sectionId, assignmentId);
  const chosen = slides[slide - 1];
  if (!chosen) throw new NotFoundError("card");
  const settings = recapSettings(chosen);
  const png = await renderCardPng(settings, layoutCards(settings, chosen.text)[0]!);
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="class-recap-${slide}.png"`,
      "Cache-Control": "private, no-store",
    },
  });
});
