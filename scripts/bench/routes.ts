import type { School } from "./school";

/**
 * Every path the bench requests, in one place: a route that moves is a one-line change here.
 * `as` is who asks (the teacher, the middle student, or nobody); `check` looks at one decoded
 * response and says what is wrong with it, so a redirect, a 404 or the wrong page can never pass
 * for a fast figure (every response must also answer 200).
 */
export type Route = {
  key: string;
  label: string;
  as: "teacher" | "student" | "nobody";
  path: (school: School) => string;
  check: (body: string, school: School) => string | undefined;
  /** The status every answer must have: 200 unless said. */
  status?: number;
};

const base = (s: School) => `/sections/${s.sectionId}/assignments/${s.assignmentId}`;

export const ROUTES: Route[] = [
  {
    key: "health",
    label: "`/api/health` (the 1×)",
    as: "nobody",
    path: () => "/api/health",
    check: (body) => (JSON.parse(body)?.ok === true ? undefined : "not {ok: true}"),
  },
  {
    // Not a goal of issue 11's: the smallest page the App Router renders here, for the framework's
    // own floor. An address no route matches, signed out: the root layout (header, footer, the CSP
    // nonce) and the few words of app/not-found.tsx, no session, no database.
    key: "notFound",
    label: "An unknown address (404, signed out)",
    as: "nobody",
    path: () => "/no-such-page",
    status: 404,
    check: (body) => (textOf(body).includes("Page not found") ? undefined : `no "Page not found" on the page`),
  },
  {
    // Not a goal of issue 11's: the floor of a signed-in page here (session check, the layout, one
    // row read, a small form), so the pages below can be judged against a page as well as against
    // a route handler that renders nothing.
    key: "account",
    label: "Account page (the page floor)",
    as: "student",
    path: () => "/account",
    check: (body, s) => (textOf(body).includes(s.middleStudent.name) ? undefined : `no "${s.middleStudent.name}" on the page`),
  },
  {
    key: "students",
    label: "Students list",
    as: "teacher",
    path: base,
    check: (body, s) =>
      // The heading counts the whole class, whether or not every row is on the page.
      new RegExp(`Students \\(${s.classSize}\\)`).test(textOf(body)) ? undefined : `no "Students (${s.classSize})" heading`,
  },
  {
    key: "grading",
    label: "Grading view of one student",
    as: "teacher",
    path: (s) => `${base(s)}/grade/${s.middleStudent.id}`,
    check: (body, s) => (textOf(body).includes(s.middleStudent.name) ? undefined : `no "${s.middleStudent.name}" on the page`),
  },
  {
    // Not a goal of issue 11's: the same view opened from the Students list filtered to "Needs
    // grading" and sorted by total, highest first. Its previous, next and "N of M" walk that view,
    // which no index orders: judged row by row, as that page of the list is.
    key: "gradingInView",
    label: "Grading view, from a filtered and sorted list",
    as: "teacher",
    path: (s) => `${base(s)}/grade/${s.middleStudent.id}?filter=needs&sort=total&dir=desc`,
    check: (body, s) => (textOf(body).includes(s.middleStudent.name) ? undefined : `no "${s.middleStudent.name}" on the page`),
  },
  {
    key: "workspace",
    label: "Student workspace",
    as: "student",
    path: (s) => `/assignments/${s.assignmentId}`,
    check: (body, s) => (body.includes(s.middleStudent.draftMarker) ? undefined : "the student's own draft is not on the page"),
  },
  {
    key: "csv",
    label: "Detailed grades.csv",
    as: "teacher",
    path: (s) => `${base(s)}/grades.csv`,
    check: (body, s) => {
      const lines = body.split("\n").length;
      if (lines < s.classSize + 1) return `${lines} lines for ${s.classSize} students`;
      return body.includes(s.middleStudent.email) ? undefined : `no ${s.middleStudent.email} in the file`;
    },
  },
];

/** Where the uploads go (POST, multipart field "file"). */
export const uploadPath = (s: School) => `/api/assignments/${s.assignmentId}/images`;

/** The pages whose first-load JavaScript is weighed. */
export const FIRST_LOAD_PAGES = ["workspace", "grading"] as const;

/** The page's visible text, roughly: no tags, no comments React puts between text parts. */
function textOf(html: string): string {
  return html
    .replace(/<!--.*?-->/g, "")
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ");
}
