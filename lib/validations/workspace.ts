import "../zod-jitless";
import { z } from "zod";
import type { ImageChecks } from "@/lib/image-checks";
import {
  CARD_BACKGROUNDS,
  CARD_FORMATS,
  CARD_HEADLINE_MAX,
  CARD_HEADLINE_TYPED_MAX,
  CARD_LAYOUTS,
  CARD_SIZE_LIMITS,
  CARD_THEMES,
} from "@/lib/studio/card";
import { idSchema, storableText } from "./common";
import { WORK_LIMITS } from "./limits";

// The upload route and the design step read it from here too.
export { WORK_LIMITS };

const clientId = storableText().min(1).max(40);

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/**
 * A headline a card can be drawn with: the studio shows its message beside the box, and "Use these
 * cards" refuses without it. The draft keeps any headline being typed (cardSettingsSchema): an empty
 * one while the student rewrites it, or one over the limit, is saved as it is, never refused.
 */
export const cardHeadlineSchema = storableText()
  .trim()
  .min(1, "Give the card a headline.")
  .max(CARD_HEADLINE_MAX, `Keep the headline under ${CARD_HEADLINE_MAX} characters.`);

/** The studio's card as the draft keeps it (lib/studio/card.ts holds its choices and the helpers the previews draw with). */
const cardSettingsSchema = z.object({
  format: z.enum(keys(CARD_FORMATS)),
  layout: z.enum(keys(CARD_LAYOUTS)),
  background: z.enum(keys(CARD_BACKGROUNDS)),
  theme: z.enum(keys(CARD_THEMES)),
  /** Which of the theme's text colours (0 = its first). */
  textColor: z.number().int().min(0).max(2),
  headline: storableText().max(CARD_HEADLINE_TYPED_MAX, `Keep the headline under ${CARD_HEADLINE_MAX} characters.`),
  headlineSize: z.number().int().min(CARD_SIZE_LIMITS.headline.min).max(CARD_SIZE_LIMITS.headline.max),
  bodySize: z.number().int().min(CARD_SIZE_LIMITS.body.min).max(CARD_SIZE_LIMITS.body.max),
});
export type CardSettings = z.infer<typeof cardSettingsSchema>;

/** A student's draft. The same schema checks it in the browser and on every save. */
const draftSchema = z.object({
  ideas: z
    .array(z.object({ id: clientId, text: storableText().max(WORK_LIMITS.idea, `An idea can be at most ${WORK_LIMITS.idea} characters.`) }))
    .max(WORK_LIMITS.ideas, `Keep it to ${WORK_LIMITS.ideas} ideas.`),
  picks: z
    .array(
      z.object({
        columnId: clientId,
        reason: storableText().max(WORK_LIMITS.reason, `Keep each reason under ${WORK_LIMITS.reason} characters.`),
      }),
    )
    .max(WORK_LIMITS.picks, "Choose exactly three datapoints.")
    .refine((picks) => new Set(picks.map((p) => p.columnId)).size === picks.length, "Each datapoint can be chosen once."),
  copy: storableText().max(WORK_LIMITS.copy, `Copy can be at most ${WORK_LIMITS.copy} characters.`),
  answers: z
    .record(storableText().max(40), storableText().max(WORK_LIMITS.answer, `Each answer can be at most ${WORK_LIMITS.answer} characters.`))
    .refine((answers) => Object.keys(answers).length <= WORK_LIMITS.answers, `A draft can hold at most ${WORK_LIMITS.answers} answers.`),
  // The studio's card, once the student has opened it; older drafts have none.
  card: cardSettingsSchema.optional(),
});
export type Draft = z.infer<typeof draftSchema>;

export const emptyDraft = (): Draft => ({ ideas: [], picks: [], copy: "", answers: {} });

export const saveDraftSchema = z.object({
  assignmentId: idSchema,
  baseVersion: z.number().int().min(0),
  draft: draftSchema,
});

export const submitSchema = z.object({
  assignmentId: idSchema,
  baseVersion: z.number().int().min(0),
  confirmIncomplete: z.boolean(),
});

export const captionSchema = z.object({
  imageId: idSchema,
  caption: storableText().trim().max(WORK_LIMITS.caption, `A caption can be at most ${WORK_LIMITS.caption} characters.`),
});

export const imageIdSchema = z.object({ imageId: idSchema });

/** "Use these cards": the customers whose cards are drawn and added to the design, in this order. */
export const addCardsSchema = z.object({
  assignmentId: idSchema,
  customerIds: z
    .array(clientId)
    .min(1, "Choose at least one customer.")
    .max(5)
    .refine((ids) => new Set(ids).size === ids.length, "Each customer once."),
});

export const reorderImagesSchema = z.object({
  assignmentId: idSchema,
  imageIds: z.array(idSchema).min(1).max(5),
});

/**
 * The place in the list the student's page reserved for an upload when the file was picked (query
 * parameter `position`); positions only sort, so gaps are fine. Absent: after the others.
 */
export const uploadPositionSchema = z.coerce.number().int().min(0).max(1_000_000).optional();

/** What an attempt froze: the draft and the images as they were at submit time. */
export type AttemptSnapshot = {
  draft: Draft;
  images: { id: string; caption: string; width: number; height: number; checks: ImageChecks }[];
};
