/** Whether work can still be saved and submitted, and whether a submit now counts as late. Pure. */
import type { DisplayStatus } from "./workspace";

export type AssignmentTiming = { dueAt: Date; acceptLate: boolean; closeAt: Date | null };
/**
 * One student's timing: their own due date (an extension) when it is later than the class's, with
 * a close date moved on by as much, so the late window they get is the class's; the class's timing
 * otherwise. An extension only ever gives more time, even after the class's date moves past it.
 */
export function studentTiming<T extends AssignmentTiming>(a: T, extendedTo: Date | null): T {
  if (!extendedTo || extendedTo <= a.dueAt) return a;
  const moved = extendedTo.getTime() - a.dueAt.getTime();
  return { ...a, dueAt: extendedTo, closeAt: a.closeAt && new Date(a.closeAt.getTime() + moved) };
}

/**
 * The dates that close an assignment at `now` ("Close now"): a due date still ahead becomes now, and
 * with late work the close date becomes now too, unless one has passed already (and is not before
 * the due date: never a close date before it). Work handed in before `now` stays on time; a
 * student's own later due date still counts (studentTiming).
 */
export function closedAt<T extends AssignmentTiming>(a: T, now: Date): T {
  const dueAt = a.dueAt > now ? now : a.dueAt;
  const closeAt = !a.acceptLate ? null : a.closeAt && a.closeAt <= now && a.closeAt >= dueAt ? a.closeAt : now;
  return { ...a, dueAt, closeAt };
}

export type Window = { phase: "open" } | { phase: "late" } | { phase: "closed"; why: "closed" | "past-due"; reason: string };

/**
 * Once work can no longer be handed in on time (past due, or closed early): from then on, work not
 * handed in is missing rather than merely not in yet.
 */
export function isPastDue(a: AssignmentTiming, now: Date): boolean {
  return assignmentWindow(a, now).phase !== "open";
}

export function assignmentWindow(a: AssignmentTiming, now: Date): Window {
  if (a.closeAt && now >= a.closeAt) {
    return {
      phase: "closed",
      why: "closed",
      reason: "This assignment is closed, so nothing more can be saved or submitted.",
    };
  }
  if (now > a.dueAt) {
    return a.acceptLate
      ? { phase: "late" }
      : {
          phase: "closed",
          why: "past-due",
          reason: "The due date has passed and this assignment doesn't accept late work.",
        };
  }
  return { phase: "open" };
}

/** "3 days left", "5 hours left", "due in 20 minutes", "2 days late". */
export function timeLeft(dueAt: Date, now: Date): string {
  const ms = dueAt.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60_000);
  const hours = Math.round(abs / 3_600_000);
  const days = Math.round(abs / 86_400_000);
  const span =
    minutes < 60 ? `${minutes} minute${minutes === 1 ? "" : "s"}` : hours < 48 ? `${hours} hour${hours === 1 ? "" : "s"}` : `${days} days`;
  return ms >= 0 ? `${span} left` : `due ${span} ago`;
}

type Lockout = "archived" | "closed" | "past-due";

/** Why students can't change their work on an assignment right now, or null when they can. */
function lockout(window: Window, archived: boolean): Lockout | null {
  if (archived) return "archived";
  return window.phase === "closed" ? window.why : null;
}

const FOR_TEACHERS: Record<Lockout, string> = {
  archived: "this section is archived. Restore it to let them",
  closed: "the assignment has closed. Move its close date to let them",
  "past-due": "the assignment is past due and takes no late work. Accept late work to let them",
};

const FOR_STUDENTS: Record<Lockout, string> = {
  archived: "this class is archived",
  closed: "the assignment has closed",
  "past-due": "the due date has passed and this assignment takes no late work",
};

/**
 * Why the students of an assignment can't change their work right now, and what would let them, in
 * the teacher's words; null when they can. Said when the teacher hands work back to be improved.
 */
export function whyStudentsCantChange(a: AssignmentTiming, archived: boolean, now: Date): string | null {
  const why = lockout(assignmentWindow(a, now), archived);
  return why && FOR_TEACHERS[why];
}

/**
 * The same reason in the student's words, for work their teacher reopened that they still can't
 * change ("Your teacher reopened this work, but the assignment has closed…"), from the window their
 * page was decided by; null when they can.
 */
export function whyYouCantChange(window: Window, archived: boolean): string | null {
  const why = lockout(window, archived);
  return why && FOR_STUDENTS[why];
}

/**
 * A student's assignments as My classes lists them: first what they can still hand in (not handed
 * in, or reopened by the teacher, and not closed to them, nor in an archived class), then the rest
 * (handed in, returned, excused, closed); each part by the student's own due date. A closed
 * assignment no longer sits above one they can still do.
 */
export function studentListOrder<T extends AssignmentTiming & { status: DisplayStatus; archived: boolean }>(
  list: readonly T[],
  now: Date,
): T[] {
  const toDo = (a: T) =>
    !a.archived &&
    (a.status === "not_started" || a.status === "in_progress" || a.status === "reopened") &&
    assignmentWindow(a, now).phase !== "closed";
  return [...list].sort((a, b) => Number(toDo(b)) - Number(toDo(a)) || a.dueAt.getTime() - b.dueAt.getTime());
}
