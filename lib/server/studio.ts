import "server-only";
import { addImages, getStudentWork, imagesHeld } from "@/db/queries/work";
import type { SessionUser } from "@/db/queries/accounts";
import { FormError } from "@/lib/errors";
import { noRoomFor } from "@/lib/image-checks";
import { normalizeKey } from "@/lib/normalize-key";
import { checkCopy, printedAsTypedMessage } from "@/lib/placeholders";
import { cardCustomers, cardText, drawnFrom } from "@/lib/studio/card-text";
import { DEFAULT_CARD, firstName } from "@/lib/studio/card";
import { checkCards, layoutCards, unreadableCardsMessage } from "@/lib/studio/layout";
import { cardHeadlineSchema } from "@/lib/validations/workspace";
import { renderCardPng } from "./card-render";
import { imageQueue, QueueFull } from "./image-queue";
import { processImage, storeProcessedImage } from "./images";
import { discardStoredFiles } from "./stored-files";

/**
 * "Use these cards": the student's saved card (the studio's first design, as it shows it, while they
 * have changed nothing), drawn for the customers they chose, added to their
 * design as graphics. Each PNG then goes the way of an upload (checked, re-encoded, thumbnailed in
 * an image worker, stored), so it is graded, exported and erased like one. Drawing and decoding
 * wait their turn in the same queue as uploads.
 */
export async function addCardImages(actor: SessionUser, assignmentId: string, customerIds: string[]) {
  const work = await getStudentWork(actor, assignmentId);
  if (!work.state.editable) throw new FormError(work.state.reason, work.state.code);
  const card = work.draft.card ?? DEFAULT_CARD;
  // The draft keeps a headline being rewritten (empty, or over the limit); a card is drawn only with a whole one.
  const headline = cardHeadlineSchema.safeParse(card.headline);
  if (!headline.success) throw new FormError(`${headline.error.issues[0]!.message} Fix the headline first.`);
  const { dataset, aliases } = work.assignment.content;
  const unknown = [
    ...new Map(
      // One spelling named once across both texts, spacing and case aside, as checkCopy names it within one.
      [card.headline, work.draft.copy]
        .flatMap((text) => checkCopy(text, dataset, aliases, []).unknown)
        .map((u) => [normalizeKey(u.raw), u]),
    ).values(),
  ];
  if (unknown.length) throw new FormError(printedAsTypedMessage("Your card", unknown));
  const customers = new Map(cardCustomers(work.assignment.content).map((c) => [c.id, c]));
  const chosen = customerIds.map((id) => customers.get(id));
  if (chosen.some((c) => !c)) throw new FormError("One of those customers is no longer in the table. Reload the page.");
  // Laid out (cheap) and counted before anything is drawn: cards that could never fit cost no drawing.
  const planned = (chosen as { id: string; name: string }[]).map((customer) => {
    const text = cardText(card, work.draft, work.assignment.content, customer.id);
    const cards = layoutCards(card, text);
    return {
      customer,
      cards,
      issues: checkCards(card, cards, firstName(customer.name), text),
      drawn: { customerId: customer.id, drawn: drawnFrom(card, text) },
    };
  });
  const unreadable = planned.flatMap((p) => p.issues)[0];
  if (unreadable) throw new FormError(unreadableCardsMessage(unreadable));
  const full = noRoomFor(
    await imagesHeld(actor, assignmentId),
    planned.reduce((sum, p) => sum + p.cards.length, 0),
  );
  if (full) throw new FormError(full);

  const stored: Awaited<ReturnType<typeof storeProcessedImage>>[] = [];
  const images: Parameters<typeof addImages>[2] = [];
  try {
    for (const { customer, cards, drawn } of planned) {
      for (const [n, laidOut] of cards.entries()) {
        const image = await imageQueue().run(async () => storeProcessedImage(await processImage(await renderCardPng(card, laidOut))));
        stored.push(image);
        const who = `${firstName(customer.name)}'s card`;
        images.push({ image: { ...image, card: drawn }, caption: cards.length > 1 ? `${who}, ${n + 1} of ${cards.length}` : who });
      }
    }
    return await addImages(actor, assignmentId, images);
  } catch (error) {
    await discardStoredFiles(stored.flatMap((s) => [s.storageKey, s.thumbnailKey]));
    if (error instanceof QueueFull) throw new FormError("The server is busy with other pictures right now. Try again in a minute.");
    throw error;
  }
}
