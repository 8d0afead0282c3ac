import "../../../../../../../lib/zod-jitless";
import { z } from "zod";
import { route } from "@/lib/server/action";
import { renderCardPng } from "@/lib/server/card-render";
import { imageQueue, QueueFull, QueueLeft } from "@/lib/server/image-queue";
import { SERVER_BUSY } from "@/lib/server/request-edge";
import { loadClassRecap } from "@/lib/server/recap";
import { NotFoundError } from "@/lib/errors";
import { layoutCards } from "@/lib/studio/layout";
import { cardCustomers } from "@/lib/studio/card-text";
import { withCampaign } from "@/lib/studio/recap";
import { idSchema, storableText } from "@/lib/validations/common";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({
  sectionId: idSchema,
  assignmentId: idSchema,
  // No upper bound here: a card past the last is not found (404), like any other missing card.
  slide: z.coerce.number().int().min(1),
  // Whose data fills the class's campaign card; the table's first customer by default.
  customer: storableText().max(40).optional(),
  // The card the page showed at that place (its slide id): the list can change meanwhile (a third
  // work graded adds the score cards before the starred answer), and the download is that card.
  card: z.string().max(40).optional(),
});

/** One card of the Class Recap as a PNG download ("class-recap-2.png"). */
export const GET = route("teacher", paramsSchema, async ({ sectionId, assignmentId, slide, customer, card }, user, request) => {
  const recap = await loadClassRecap(user, sectionId, assignmentId);
  const customers = cardCustomers(recap.assignment.content);
  const shown = customers.find((c) => c.id === customer) ?? customers[0];
  const slides = shown ? withCampaign(recap.slides, recap.campaign, recap.assignment.content, shown.id) : recap.slides;
  const chosen = card === undefined ? slides[slide - 1] : slides.find((s) => s.id === card);
  if (!chosen) throw new NotFoundError("card");
  // Drawn in its turn with uploads and the studio's cards: a burst of downloads for many customers
  // waits in line rather than taking every core at once.
  let png: Buffer;
  try {
    png = await imageQueue().run(
      async () => await renderCardPng(chosen.settings, layoutCards(chosen.settings, chosen.text)[0]!),
      request.signal,
    );
  } catch (error) {
    if (error instanceof QueueFull || error instanceof QueueLeft) {
      return Response.json(
        { error: SERVER_BUSY.error },
        { status: SERVER_BUSY.status, headers: { "Cache-Control": "no-store", "Retry-After": String(SERVER_BUSY.retryAfterSeconds) } },
      );
    }
    throw error;
  }
  // Drawn and on its way: the work on it has been opened.
  await recap.recordShown([chosen.id]);
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="class-recap-${slide}.png"`,
      "Cache-Control": "private, no-store",
    },
  });
});
