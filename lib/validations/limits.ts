/**
 * Length limits that forms show as character counts and their schemas enforce. Kept apart from the
 * zod schemas so a component that only needs a number doesn't bring zod into the browser.
 */
export const WORK_LIMITS = {
  ideas: 30,
  idea: 200,
  reason: 300,
  copy: 5000,
  answer: 5000,
  /** Answers a draft can hold: the lesson has at most 5 questions; answers to questions a teacher has since replaced stay. */
  answers: 20,
  caption: 200,
  picks: 3,
} as const;

export const GRADING_LIMITS = { comment: 2000, feedback: 5000, bankedComment: 2000 } as const;
