import type { ImageChecks } from "./image-checks";
import type { LessonContent, Rubric } from "./lesson/types";
import { checkCopy } from "./placeholders";
import { plural } from "./text";
import type { Draft } from "./validations/workspace";

/**
 * What the app already knows about a piece of work, shown beside the rubric to speed grading.
 * Mapped to the built-in criteria by id; a criterion the teacher added gets no hint.
 */
export function gradingHints(
  rubric: Rubric,
  content: LessonContent,
  draft: Draft,
  images: { checks: ImageChecks }[],
): Record<string, string[]> {
  const columns = new Set(content.dataset.columns.map((c) => c.id));
  const picks = draft.picks.filter((p) => columns.has(p.columnId));
  const copy = checkCopy(
    draft.copy,
    content.dataset,
    content.aliases,
    picks.map((p) => p.columnId),
  );
  const placeholders = copy.used.length;
  const answers = content.questions.map((q) => (draft.answers[q.id] ?? "").trim().length);
  const known: Record<string, string[]> = {
    ideation: [
      `${picks.length} of 3 datapoints chosen`,
      `${picks.filter((p) => p.reason.trim()).length} with a reason`,
      plural(draft.ideas.length, "idea"),
    ],
    copywriting: [
      `${plural(placeholders, "placeholder")} used`,
      ...(copy.unknown.length ? [`${copy.unknown.length} unknown`] : []),
      ...(copy.unusedPicks.length ? [`${plural(copy.unusedPicks.length, "chosen datapoint")} unused`] : []),
      ...(copy.missingName ? ["no [Name]"] : []),
    ],
    design: images.length
      ? [
          plural(images.length, "image"),
          `${images.filter((i) => i.checks.orientationOk).length} phone-shaped`,
          `${images.filter((i) => i.checks.sizeOk).length} sharp enough`,
        ]
      : ["no images"],
    reflection: answers.map((n, i) => `Q${i + 1}: ${n} chars`),
  };
  return Object.fromEntries(rubric.criteria.map((c) => [c.id, known[c.id] ?? []]));
}
