import { canonicalJson } from "@/lib/canonical-json";
import type { LessonContent, Rubric } from "./types";

/**
 * The parts of an assignment's lesson that the setup page edits one form at a time, and the fields
 * each form saves whole. Two tabs open on the same setup page would otherwise overwrite each other:
 * the later save puts back what the earlier one changed, unseen.
 */
const LESSON_PARTS = {
  texts: ["caseStudy", "brief", "copyExample"],
  dataset: ["dataset"],
  questions: ["questions"],
  lessonPlan: ["lessonPlan"],
} as const satisfies Record<string, readonly (keyof LessonContent)[]>;

export type LessonPart = keyof typeof LESSON_PARTS;

export const LESSON_CHANGED_ELSEWHERE =
  "This part of the assignment was saved from another tab or window after you opened this page, so saving here would undo that. Copy anything you typed that you want to keep, then reload the page to see the saved version.";

/** A 53-bit string hash (cyrb53): a fingerprint to notice a change, not a secret. */
function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Which version of one part the content holds: a form sends back the one it was opened with. */
export function partVersion(content: LessonContent, part: LessonPart): string {
  return fingerprint(canonicalJson(LESSON_PARTS[part].map((key) => content[key])));
}

/** The same for the assignment's rubric, saved whole by its own form. */
export function rubricVersion(rubric: Rubric): string {
  return fingerprint(canonicalJson(rubric));
}

type Settings = { title: string; instructions: string; dueAt: Date; acceptLate: boolean; closeAt: Date | null };

/** The same for the assignment's settings (title, instructions, dates), saved whole by their form. */
export function settingsVersion({ title, instructions, dueAt, acceptLate, closeAt }: Settings): string {
  return fingerprint(canonicalJson({ title, instructions, dueAt, acceptLate, closeAt }));
}
