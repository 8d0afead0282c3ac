import type { LessonContent } from "@/lib/lesson/types";
import type { Draft } from "@/lib/validations/workspace";

export type StepProps = {
  draft: Draft;
  update: (change: (draft: Draft) => Draft) => void;
  readOnly: boolean;
  content: LessonContent;
};
