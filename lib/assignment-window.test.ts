import { describe, expect, it } from "vitest";
import {
  assignmentWindow,
  closedAt,
  studentListOrder,
  studentTiming,
  timeLeft,
  whyStudentsCantChange,
  whyYouCantChange,
  type AssignmentTiming,
} from "./assignment-window";
import type { DisplayStatus } from "./workspace";

const due = new Date("2026-12-01T17:00:00Z");
const at = (iso: string) => new Date(iso);

describe("assignmentWindow", () => {
  it("is open until the due date, late after it when late work is accepted", () => {
    const a = { dueAt: due, acceptLate: true, closeAt: null };
    expect(assignmentWindow(a, at("2026-12-01T16:59:59Z")).phase).toBe("open");
    expect(assignmentWindow(a, at("2026-12-01T17:00:00Z")).phase).toBe("open");
    expect(assignmentWindow(a, at("2026-12-01T17:00:01Z")).phase).toBe("late");
  });

  it("closes at the due date when late work is not accepted", () => {
    const result = assignmentWindow({ dueAt: due, acceptLate: false, closeAt: null }, at("2026-12-02T00:00:00Z"));
    expect(result).toMatchObject({ phase: "closed", reason: expect.stringMatching(/late work/) });
  });

  it("closes at the close date even if late work is accepted", () => {
    const a = { dueAt: due, acceptLate: true, closeAt: at("2026-12-03T00:00:00Z") };
    expect(assignmentWindow(a, at("2026-12-02T23:59:59Z")).phase).toBe("late");
    expect(assignmentWindow(a, at("2026-12-03T00:00:00Z"))).toMatchObject({ phase: "closed", reason: expect.stringMatching(/closed/) });
  });
});

describe("timeLeft", () => {
  it("speaks in minutes, hours or days, before and after", () => {
    expect(timeLeft(due, at("2026-12-01T16:40:00Z"))).toBe("20 minutes left");
    expect(timeLeft(due, at("2026-12-01T12:00:00Z"))).toBe("5 hours left");
    expect(timeLeft(due, at("2026-11-28T17:00:00Z"))).toBe("3 days left");
    expect(timeLeft(due, at("2026-12-03T17:00:00Z"))).toBe("due 2 days ago");
  });
});

describe("whyStudentsCantChange", () => {
  it("names what would let students change their work, as the student side decides it; nothing while they can", () => {
    const closing = { dueAt: due, acceptLate: true, closeAt: at("2026-12-03T00:00:00Z") };
    expect(whyStudentsCantChange(closing, false, at("2026-12-02T00:00:00Z"))).toBeNull(); // late, still taken
    expect(whyStudentsCantChange(closing, false, at("2026-12-03T00:00:00Z"))).toMatch(/has closed\. Move its close date/);
    expect(whyStudentsCantChange({ ...closing, closeAt: null, acceptLate: false }, false, at("2026-12-02T00:00:00Z"))).toMatch(
      /takes no late work\. Accept late work/,
    );
    expect(whyStudentsCantChange(closing, true, at("2026-11-30T00:00:00Z"))).toMatch(/archived\. Restore it/);
  });
});

describe("whyYouCantChange", () => {
  it("tells a student, in their words, why reopened work still can't change; nothing while it can", () => {
    const closing = { dueAt: due, acceptLate: true, closeAt: at("2026-12-03T00:00:00Z") };
    const window = (a: AssignmentTiming, iso: string) => assignmentWindow(a, at(iso));
    expect(whyYouCantChange(window(closing, "2026-12-02T00:00:00Z"), false)).toBeNull(); // late, still taken
    expect(whyYouCantChange(window(closing, "2026-12-03T00:00:00Z"), false)).toBe("the assignment has closed");
    expect(whyYouCantChange(window({ ...closing, closeAt: null, acceptLate: false }, "2026-12-02T00:00:00Z"), false)).toBe(
      "the due date has passed and this assignment takes no late work",
    );
    expect(whyYouCantChange(window(closing, "2026-11-30T00:00:00Z"), true)).toBe("this class is archived");
  });
});

describe("studentTiming", () => {
  const a = { dueAt: due, acceptLate: true, closeAt: at("2026-12-02T17:00:00Z") };

  it("gives a student their own later date, and moves the close date on by as much", () => {
    const own = studentTiming(a, at("2026-12-04T17:00:00Z"));
    expect(own).toEqual({ dueAt: at("2026-12-04T17:00:00Z"), acceptLate: true, closeAt: at("2026-12-05T17:00:00Z") });
    expect(assignmentWindow(own, at("2026-12-03T12:00:00Z")).phase).toBe("open");
    expect(assignmentWindow(a, at("2026-12-03T12:00:00Z")).phase).toBe("closed");
    expect(studentTiming({ ...a, closeAt: null }, at("2026-12-04T17:00:00Z")).closeAt).toBeNull();
  });

  it("never gives less time than the class's: an earlier or equal date, or none, is the class's timing", () => {
    for (const extendedTo of [null, due, at("2026-11-30T17:00:00Z")]) expect(studentTiming(a, extendedTo)).toBe(a);
  });
});

describe("closedAt (Close now)", () => {
  const now = at("2026-12-01T12:00:00Z");
  it("moves a due date still ahead to now, and with late work the close date too", () => {
    expect(closedAt({ dueAt: due, acceptLate: true, closeAt: at("2026-12-09T00:00:00Z") }, now)).toEqual({
      dueAt: now,
      acceptLate: true,
      closeAt: now,
    });
    expect(closedAt({ dueAt: due, acceptLate: false, closeAt: null }, now)).toEqual({ dueAt: now, acceptLate: false, closeAt: null });
  });

  it("keeps a due date gone by, and a close date gone by, as they are: closed already", () => {
    const later = at("2026-12-02T12:00:00Z");
    expect(closedAt({ dueAt: due, acceptLate: true, closeAt: null }, later)).toEqual({ dueAt: due, acceptLate: true, closeAt: later });
    const closed = at("2026-12-02T00:00:00Z");
    expect(closedAt({ dueAt: due, acceptLate: true, closeAt: closed }, later)).toEqual({ dueAt: due, acceptLate: true, closeAt: closed });
    for (const a of [
      { dueAt: due, acceptLate: true, closeAt: null },
      { dueAt: due, acceptLate: false, closeAt: null },
    ]) {
      expect(assignmentWindow(closedAt(a, now), at("2026-12-01T12:00:00.001Z")).phase).toBe("closed");
    }
  });

  it("never keeps a close date gone by that is before the due date it sets: that closes now too", () => {
    // The form's dates, typed out of order (Close now skips their check): the close date passed yesterday, due next week.
    const typed = { dueAt: at("2026-12-08T12:00:00Z"), acceptLate: true, closeAt: at("2026-11-30T12:00:00Z") };
    expect(closedAt(typed, now)).toEqual({ dueAt: now, acceptLate: true, closeAt: now });
    // Allowed: one gone by after a due date gone by is kept.
    const inOrder = { dueAt: at("2026-11-29T12:00:00Z"), acceptLate: true, closeAt: at("2026-11-30T12:00:00Z") };
    expect(closedAt(inOrder, now)).toEqual(inOrder);
  });

  it("leaves a student's own later due date counting: they can work until it", () => {
    const closed = closedAt({ dueAt: due, acceptLate: true, closeAt: null }, now);
    const theirs = studentTiming(closed, at("2026-12-05T00:00:00Z"));
    expect(assignmentWindow(theirs, at("2026-12-04T00:00:00Z")).phase).toBe("open");
    expect(assignmentWindow(theirs, at("2026-12-05T00:00:01Z")).phase).toBe("closed");
  });
});

describe("studentListOrder (My classes)", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  const at = (days: number) => new Date(now.getTime() + days * 86_400_000);
  const row = (id: string, days: number, status: DisplayStatus, more: Partial<AssignmentTiming & { archived: boolean }> = {}) => ({
    id,
    dueAt: at(days),
    acceptLate: false,
    closeAt: null,
    status,
    archived: false,
    ...more,
  });

  it("never puts an archived class's work first: nothing can be handed in there", () => {
    const list = [row("archived-open", 1, "not_started", { archived: true }), row("open", 2, "in_progress"), row("done", 0, "submitted")];
    expect(studentListOrder(list, now).map((a) => a.id)).toEqual(["open", "done", "archived-open"]);
    // Allowed: the same assignment, its class not archived, comes first.
    expect(studentListOrder([{ ...list[0]!, archived: false }, ...list.slice(1)], now).map((a) => a.id)).toEqual([
      "archived-open",
      "open",
      "done",
    ]);
  });

  it("lists what the student can still hand in first, then the rest, each by due date", () => {
    const list = [
      row("closed, not started", -2, "not_started"),
      row("late work accepted", -1, "in_progress", { acceptLate: true }),
      row("handed in", 1, "submitted"),
      row("due in 3 days", 3, "not_started"),
      row("reopened", 5, "reopened", { acceptLate: true }),
      row("closed early, late work over", -3, "in_progress", { acceptLate: true, closeAt: at(-1) }),
      row("excused", 0.5, "excused"),
      row("returned", -4, "returned"),
    ];
    expect(studentListOrder(list, now).map((a) => a.id)).toEqual([
      "late work accepted",
      "due in 3 days",
      "reopened",
      "returned",
      "closed early, late work over",
      "closed, not started",
      "excused",
      "handed in",
    ]);
  });

  it("keeps plain due-date order when everything is still to do, and leaves the list it was given as it was", () => {
    const list = [row("b", 2, "not_started"), row("a", 1, "in_progress")];
    expect(studentListOrder(list, now).map((a) => a.id)).toEqual(["a", "b"]);
    expect(list.map((a) => a.id)).toEqual(["b", "a"]);
  });
});
