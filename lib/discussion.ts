/**
 * Pure helpers for the discussion board and its projector mode (no database, no React), shared by
 * the client components and their tests.
 */

export type BoardQuestion = { id: string; answers: { submissionId: string }[] };

/** One answer in the projector's running order. */
export type Slide = { questionId: string; submissionId: string };

/** Identifies one answer: a star belongs to a submission's answer to one question. */
export const answerKey = (questionId: string, submissionId: string) => `${questionId}:${submissionId}`;

export const answerLabel = (number: number) => `Answer ${number}`;

/** The board's view, in its address: names shown (`?names=1`, the server's to send) and starred answers only (`?starred=1`). */
export type BoardView = { names: boolean; starred: boolean };

/** The discussion page's address for a view, from its path: a reload or a shared link keeps it. */
export function boardHref(path: string, { names, starred }: BoardView): string {
  const search = new URLSearchParams([...(names ? [["names", "1"]] : []), ...(starred ? [["starred", "1"]] : [])]).toString();
  return search ? `${path}?${search}` : path;
}

/**
 * The projector's running order: every shown answer, question after question, in the board's
 * order. With `starredOnly`, only starred answers (and questions with none are skipped).
 */
export function projectorSlides(questions: BoardQuestion[], isStarred: (key: string) => boolean, starredOnly: boolean): Slide[] {
  return questions.flatMap((q) =>
    q.answers
      .filter((a) => !starredOnly || isStarred(answerKey(q.id, a.submissionId)))
      .map((a) => ({ questionId: q.id, submissionId: a.submissionId })),
  );
}

/** Where a slide stands within its own question: "3 of 12". */
export function positionInQuestion(slides: Slide[], index: number): { position: number; total: number } {
  const current = slides[index];
  if (!current) return { position: 0, total: 0 };
  const same = slides.filter((s) => s.questionId === current.questionId);
  return { position: same.indexOf(current) + 1, total: same.length };
}

/** The first slide of the next (+1) or previous (-1) question, or the current index at either end. */
export function questionJump(slides: Slide[], index: number, direction: 1 | -1): number {
  const current = slides[index];
  if (!current) return index;
  const starts = slides.map((s, i) => (i === 0 || slides[i - 1]!.questionId !== s.questionId ? i : -1)).filter((i) => i >= 0);
  const currentStart = starts.filter((i) => i <= index).at(-1) ?? 0;
  const at = starts.indexOf(currentStart);
  if (direction === 1) return starts[at + 1] ?? index;
  // Back from the middle of a question goes to its start first, as a slide deck does.
  if (index !== currentStart) return currentStart;
  return starts[at - 1] ?? index;
}

/**
 * Type size for an answer on the projector: as large as the text allows, scaling with the screen's
 * width, so a short answer fills the wall and a long one still fits without endless scrolling.
 */
export function projectorFontSize(text: string): string {
  const length = text.length;
  if (length <= 140) return "clamp(2rem, 5vw, 5rem)";
  if (length <= 400) return "clamp(1.75rem, 3.6vw, 3.5rem)";
  if (length <= 1000) return "clamp(1.5rem, 2.6vw, 2.5rem)";
  return "clamp(1.25rem, 1.9vw, 1.875rem)";
}
