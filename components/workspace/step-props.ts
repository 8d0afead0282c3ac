import type { LessonContent } from "@/lib/lesson/types";
import type { Draft } from "@/lib/validations/workspace";

export type StepProps = {
  draft: Draft;
  update: (change: (draft: Draft) => Draft) => void;
  readOnly: boolean;
  content: LessonContent;
};

/** The studio's "Use these cards" button. */
export const USE_CARDS_ID = "use-cards";

/** The id of a graphic's button in "Your graphics": where the focus goes once the studio has added a card. */
export const graphicButtonId = (imageId: string) => `graphic-${imageId}`;

/** What the conflict chooser (./conflict-chooser.tsx) opens with, also while it is on its way. */
export const CONFLICT_HEADLINE = "This work was changed in another tab or on another device.";
