import "../../../../../../../lib/zod-jitless";
import { z } from "zod";
import { route } from "@/lib/server/action";
import { renderCardPng } from "@/lib/server/card-render";
import { loadClassRecap } from "@/lib/server/recap";
import { NotFoundError } from "@/lib/errors";
import { layoutCards } from "@/lib/studio/layout";
import { cardCustomers } from "@/lib/studio/card-text";
import { withCampaign } from "@/lib/studio/recap";
import { idSchema } from "@/lib/validations/common";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({
  sectionId: idSchema,
  assignmentId: idSchema,
  slide: z.coerce.number().int().min(1).max(20),
  // Whose data fills the class's campaign card; the table's first customer by default.
  customer: z.string().max(40).optional(),
});

/** One card of the Class Recap as a PNG download ("class-recap-2.png"). */
export const GET = route("teacher", paramsSchema, async ({ sectionId, assignmentId, slide, customer }, user) => {
  const recap = await loadClassRecap(user, sectionId, assignmentId);
  const customers = cardCustomers(recap.assignment.content);
  const shown = customers.find((c) => c.id === customer) ?? customers[0];
  const slides = shown ? withCampaign(recap.slides, recap.campaign, recap.assignment.content, shown.id) : recap.slides;
  const chosen = slides[slide - 1];
  if (!chosen) throw new NotFoundError("card");
  const png = await renderCardPng(chosen.settings, layoutCards(chosen.settings, chosen.text)[0]!);
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="class-recap-${slide}.png"`,
      "Cache-Control": "private, no-store",
    },
  });
});
