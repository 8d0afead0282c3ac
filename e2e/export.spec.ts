import fs from "node:fs";
import { eq } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import type { Download, Locator, Page } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import { expect, PASSWORD, signIn, test } from "./support/fixtures";
import { SignInForm } from "./support/pages/sign-in";
import { waitForReady } from "./support/ui";
import { gradingData } from "./support/grading-data";
import { accessLog, submissions } from "../db/schema";

// Gradebook CSV exports: each download the assignment and section pages offer, read back with
// csv-parse cell by cell (names that break naive CSV, formula injection, Canvas's layout, BOM),
// and who may download them.

const HOUR = 3_600_000;
const uid = () => Math.random().toString(36).slice(2, 8);

/** Names that break naive CSV writers or run as formulas in a spreadsheet. */
const NAMES = {
  comma: "Casey Comma, Jr",
  quotes: 'Quinn "Q" O\'Hara',
  newline: "Lina\nBreak",
  emoji: "Zoë 😀 Ñandú",
  rtl: "مريم الحسيني",
  hyperlink: '=HYPERLINK("http://evil.example","Click")',
  plus: "+Plus Sign",
  minus: "-Minus Sign",
  at: "@At Sign",
} as const;
type Who = keyof typeof NAMES;

/** Clicks a download link and returns the file the browser saved. */
async function download(page: Page, link: Locator): Promise<{ file: Download; bytes: Buffer; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const bytes = fs.readFileSync((await file.path())!);
  return { file, bytes, text: bytes.toString("utf8") };
}

/** A checkbox of the export panel, set once the page has hydrated (the links' href follows it). */
async function tick(checkbox: Locator, link: Locator, param: RegExp) {
  await expect(async () => {
    if (await checkbox.isChecked()) await checkbox.uncheck();
    await checkbox.check();
    await expect(link).toHaveAttribute("href", param, { timeout: 1_000 });
  }).toPass();
}

test("a teacher downloads every format of an assignment's grades, and each file reads back cell for cell", async ({ page, make, db }) => {
  const data = gradingData(db);
  const s = uid();
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: `Période 3 — Marketing ${s}` });
  const assignment = await data.assignment(section.id, { title: `Recap, Year in Review ${s}` });
  const people = {} as Record<Who, { id: string; email: string; name: string }>;
  for (const who of Object.keys(NAMES) as Who[]) {
    people[who] = await make.student(NAMES[who]);
    await make.enroll(section.id, people[who].id);
  }
  const submitted = async (who: Who) => await data.submitted(assignment, people[who].id, who);
  const returnedAt = new Date(Date.now() - HOUR / 2);
  const work = {
    comma: await submitted("comma"),
    quotes: await submitted("quotes"),
    emoji: await submitted("emoji"),
    rtl: await submitted("rtl"),
    hyperlink: await submitted("hyperlink"),
  };
  await data.grade(
    work.comma.id,
    teacher.id,
    { ideation: 3, copywriting: 2, design: 3, reflection: 1 },
    {
      comments: { ideation: 'Great picks, "bold" ones' },
      feedback: "Well done!\nSee me about the design.",
    },
  );
  await data.grade(work.quotes.id, teacher.id, { ideation: 2 });
  await data.grade(
    work.emoji.id,
    teacher.id,
    { ideation: 3, copywriting: 3, design: 3, reflection: 3 },
    { returnedAt, feedback: "Parfait 👏" },
  );
  await data.grade(
    work.hyperlink.id,
    teacher.id,
    { ideation: 1, copywriting: 1, design: 1, reflection: 1 },
    { comments: { design: "=SUM(A1:A9)" }, feedback: "@mention me" },
  );
  // Comma's work was returned before, reopened, handed in again and scored again (the 9 above, not
  // returned): the student still reads that earlier grade, 7 points.
  const earlierGrade = {
    returnedAt: new Date(Date.now() - 2 * HOUR).toISOString(),
    feedback: "First go",
    scores: [
      { criterionId: "ideation", points: 2, comment: "" },
      { criterionId: "copywriting", points: 2, comment: "" },
      { criterionId: "design", points: 2, comment: "" },
      { criterionId: "reflection", points: 1, comment: "" },
    ],
  };
  await db.update(submissions).set({ earlierGrade }).where(eq(submissions.id, work.comma.id));
  const iso = (who: keyof typeof work) => work[who].submittedAt!.toISOString();

  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}/assignments/${assignment.id}`);
  const panel = page.getByRole("region", { name: "Export grades" });
  const detailed = panel.getByRole("link", { name: "Detailed CSV" });
  const canvas = panel.getByRole("link", { name: "Canvas CSV" });
  const simple = panel.getByRole("link", { name: "Simple CSV" });
  const base = `${section.name} - ${assignment.title}`;

  // ——— Detailed ———
  const plain = await download(page, detailed);
  expect(plain.file.suggestedFilename()).toBe(`${base} - grades.csv`);
  expect([...plain.bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(plain.text) as string[][];
  expect(rows[0]).toEqual([
    "Last name",
    "First name",
    "Email",
    "Section",
    "Status",
    "Submitted at (UTC)",
    "Late",
    "Attempts",
    "Ideation points",
    "Ideation level",
    "Copywriting points",
    "Copywriting level",
    "Design points",
    "Design level",
    "Reflection / Discussion points",
    "Reflection / Discussion level",
    "Total",
    "Maximum",
    "Percent",
    "Returned at (UTC)",
  ]);
  expect(rows).toHaveLength(1 + Object.keys(NAMES).length);
  const row = (table: string[][], who: Who, emailColumn = 2) => table.find((r) => r[emailColumn] === people[who].email)!;
  const blank = (n: number) => Array<string>(n).fill("");
  const start = (who: Who, last: string, first: string) => [last, first, people[who].email, section.name];
  const exactly = {
    // Scored on every criterion since it was handed in: graded.
    comma: [
      ...start("comma", "Jr", "Casey Comma,"),
      "Graded",
      iso("comma"),
      "no",
      "1",
      "3",
      "Strong",
      "2",
      "Developing",
      "3",
      "Strong",
      "1",
      "Beginning",
      "9",
      "12",
      "75",
      "",
    ],
    quotes: [
      ...start("quotes", "O'Hara", 'Quinn "Q"'),
      "Submitted",
      iso("quotes"),
      "no",
      "1",
      "2",
      "Developing",
      ...blank(6),
      "2",
      "12",
      "16.7",
      "",
    ],
    newline: [...start("newline", "Break", "Lina"), "Not started", "", "", "0", ...blank(8), "", "12", "", ""],
    emoji: [
      ...start("emoji", "Ñandú", "Zoë 😀"),
      "Returned",
      iso("emoji"),
      "no",
      "1",
      "3",
      "Strong",
      "3",
      "Strong",
      "3",
      "Strong",
      "3",
      "Strong",
      "12",
      "12",
      "100",
      returnedAt.toISOString(),
    ],
    rtl: [...start("rtl", "الحسيني", "مريم"), "Submitted", iso("rtl"), "no", "1", ...blank(8), "", "12", "", ""],
    hyperlink: [
      ...start("hyperlink", `'${NAMES.hyperlink}`, ""),
      "Graded",
      iso("hyperlink"),
      "no",
      "1",
      "1",
      "Beginning",
      "1",
      "Beginning",
      "1",
      "Beginning",
      "1",
      "Beginning",
      "4",
      "12",
      "33.3",
      "",
    ],
    plus: [...start("plus", "Sign", "'+Plus"), "Not started", "", "", "0", ...blank(8), "", "12", "", ""],
    minus: [...start("minus", "Sign", "'-Minus"), "Not started", "", "", "0", ...blank(8), "", "12", "", ""],
    at: [...start("at", "Sign", "'@At"), "Not started", "", "", "0", ...blank(8), "", "12", "", ""],
  } satisfies Record<Who, string[]>;
  for (const who of Object.keys(NAMES) as Who[]) expect(row(rows, who), who).toEqual(exactly[who]);
  // Numbers are written plain, never quoted; every text cell is quoted (a spreadsheet splitting on
  // ";" or tab must keep it whole), and text that could run as a formula also gets its quote mark.
  const rawLine = (text: string, who: Who) => text.split("\r\n").find((line) => line.includes(people[who].email))!;
  expect(rawLine(plain.text, "comma")).toContain(`,"no",1,3,"Strong",2,"Developing",3,"Strong",1,"Beginning",9,12,75,`);
  expect(rawLine(plain.text, "hyperlink")).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example"",""Click""\)",,/);

  // ——— Detailed, with comments and feedback ———
  await tick(panel.getByLabel("Include comments and feedback (detailed)"), detailed, /comments=1/);
  const commented = parse((await download(page, detailed)).text) as string[][];
  expect(commented[0]!.slice(20)).toEqual([
    "Ideation comment",
    "Copywriting comment",
    "Design comment",
    "Reflection / Discussion comment",
    "Overall feedback",
  ]);
  expect(row(commented, "comma").slice(20)).toEqual(['Great picks, "bold" ones', "", "", "", "Well done!\nSee me about the design."]);
  expect(row(commented, "hyperlink").slice(20)).toEqual(["", "", "'=SUM(A1:A9)", "", "'@mention me"]);
  expect(row(commented, "emoji").at(-1)).toBe("Parfait 👏");
  expect(row(commented, "newline").slice(20)).toEqual(["", "", "", "", ""]);

  // ——— Canvas ———
  const canvasFile = await download(page, canvas);
  expect(canvasFile.file.suggestedFilename()).toBe(`${base} - grades (canvas).csv`);
  const lines = canvasFile.text.split("\r\n");
  expect(lines[0]).toBe(`"Student","ID","SIS User ID","SIS Login ID","Section","${assignment.title}"`);
  expect(lines[1]).toBe(`"    Points Possible",,,,,12`);
  const canvasRows = parse(canvasFile.text) as string[][];
  expect(canvasRows[0]).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment.title]);
  // "Last, First"; a name that starts with a letter that way has nothing to neutralize.
  const canvasExpected: Record<Who, [string, string]> = {
    comma: ["Jr, Casey Comma,", "9"],
    quotes: ['O\'Hara, Quinn "Q"', "2"],
    newline: ["Break, Lina", ""],
    emoji: ["Ñandú, Zoë 😀", "12"],
    rtl: ["الحسيني, مريم", ""],
    hyperlink: [`'${NAMES.hyperlink}`, "4"],
    plus: ["Sign, +Plus", ""],
    minus: ["Sign, -Minus", ""],
    at: ["Sign, @At", ""],
  };
  for (const who of Object.keys(NAMES) as Who[]) {
    const [name, total] = canvasExpected[who];
    expect(row(canvasRows, who, 3), who).toEqual([name, "", "", people[who].email, section.name, total]);
  }
  expect(canvasRows).toHaveLength(2 + Object.keys(NAMES).length);

  // ——— Simple ———
  const simpleFile = await download(page, simple);
  expect(simpleFile.file.suggestedFilename()).toBe(`${base} - grades (simple).csv`);
  const simpleRows = parse(simpleFile.text) as string[][];
  expect(simpleRows[0]).toEqual(["Email", "Name", "Total"]);
  const simpleByEmail = Object.fromEntries(simpleRows.slice(1).map(([email, name, total]) => [email, [name, total]]));
  expect(simpleByEmail).toEqual({
    [people.comma.email]: [NAMES.comma, "9"],
    [people.quotes.email]: [NAMES.quotes, "2"],
    [people.newline.email]: [NAMES.newline, ""],
    [people.emoji.email]: [NAMES.emoji, "12"],
    [people.rtl.email]: [NAMES.rtl, ""],
    [people.hyperlink.email]: [`'${NAMES.hyperlink}`, "4"],
    [people.plus.email]: [`'${NAMES.plus}`, ""],
    [people.minus.email]: [`'${NAMES.minus}`, ""],
    [people.at.email]: [`'${NAMES.at}`, ""],
  });
  expect(rawLine(simpleFile.text, "comma")).toBe(`"${people.comma.email}","${NAMES.comma}",9`);

  // ——— Only grades returned: work graded but not returned is left out (an import would post it) ———
  // Reopened work gives the grade returned before instead: an import must not blank it.
  const returnedOnly = panel.getByRole("checkbox", { name: /^Only grades returned to students/ });
  await expect(returnedOnly).toHaveAccessibleName(
    "Only grades returned to students (3 with points not returned yet: their totals are in the files)",
  );
  await tick(returnedOnly, canvas, /returned=1/);
  await expect(returnedOnly).toHaveAccessibleName(
    "Only grades returned to students (3 with points not returned yet: left out, reopened work giving the grade returned before)",
  );
  const canvasReturned = await download(page, canvas);
  expect(canvasReturned.file.suggestedFilename()).toBe(`${base} - grades (canvas, returned only).csv`);
  const returnedRows = parse(canvasReturned.text) as string[][];
  const returnedTotals: Partial<Record<Who, string>> = { emoji: "12", comma: "7" };
  for (const who of Object.keys(NAMES) as Who[]) expect(row(returnedRows, who, 3)[5], who).toBe(returnedTotals[who] ?? "");
  await returnedOnly.uncheck();
  await expect(canvas).not.toHaveAttribute("href", /returned=1/);

  // ——— With the BOM, for Excel ———
  await tick(panel.getByLabel("Opening in Excel (keeps accents readable)"), simple, /bom=1/);
  const withBom = await download(page, simple);
  expect([...withBom.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(parse(withBom.bytes, { bom: true })).toEqual(simpleRows);
});

test("the section page downloads every assignment side by side, one column group each", async ({ page, make, db }) => {
  const data = gradingData(db);
  const s = uid();
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: `Section ${s}` });
  const first = await data.assignment(section.id, { title: `First recap ${s}`, dueAt: new Date(Date.now() + 24 * HOUR) });
  const second = await data.assignment(section.id, { title: `Second recap ${s}`, dueAt: new Date(Date.now() + 48 * HOUR) });
  const ann = await make.student(`Ann, "the first" ${s}`);
  const bob = await make.student(`=Bob ${s}`);
  for (const student of [ann, bob]) await make.enroll(section.id, student.id);
  await data.grade((await data.submitted(first, ann.id)).id, teacher.id, { ideation: 3, copywriting: 3, design: 2, reflection: 1 });
  await data.submitted(second, bob.id);

  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}`);
  const { file, bytes, text } = await download(page, page.getByRole("link", { name: /Export all grades/ }));
  expect(file.suggestedFilename()).toBe(`${section.name} - all grades.csv`);
  // The plain file has no byte-order mark; the one for Excel starts with it and is otherwise the same.
  expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
  const excel = await download(page, page.getByRole("link", { name: /the same, for Excel/ }));
  expect([...excel.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(excel.bytes.subarray(3).toString("utf8")).toBe(text);
  const rows = parse(text) as string[][];
  expect(rows[0]).toEqual([
    "Last name",
    "First name",
    "Email",
    "Section",
    `${first.title} total`,
    `${first.title} maximum`,
    `${first.title} percent`,
    `${first.title} status`,
    `${second.title} total`,
    `${second.title} maximum`,
    `${second.title} percent`,
    `${second.title} status`,
  ]);
  // "=Bob" sorts before "Ann" (by code point, case aside); Bob's first name is neutralized.
  expect(rows.slice(1)).toEqual([
    [s, "'=Bob", bob.email, section.name, "", "12", "", "Not started", "", "12", "", "Submitted"],
    [s, 'Ann, "the first"', ann.email, section.name, "9", "12", "75", "Graded", "", "12", "", "Not started"],
  ]);

  // Ann's grade isn't returned yet: the page says its total is in the file, and ticked, it is left out.
  const returnedOnly = page.getByLabel("Only grades returned to students");
  await expect(page.getByText("(1 with points not returned yet: their totals are in the files)")).toBeVisible();
  const plain = page.getByRole("link", { name: /Export all grades/ });
  await tick(returnedOnly, plain, /\?returned=1$/);
  await expect(page.getByText("(1 with points not returned yet: left out, reopened work giving the grade returned before)")).toBeVisible();
  await expect(page.getByRole("link", { name: /the same, for Excel/ })).toHaveAttribute("href", /\?returned=1&bom=1$/);
  const onlyReturned = await download(page, plain);
  expect(onlyReturned.file.suggestedFilename()).toBe(`${section.name} - all grades (returned only).csv`);
  expect((parse(onlyReturned.text) as string[][]).slice(1).map((r) => r.slice(4, 8))).toEqual([
    ["", "12", "", "Not started"],
    ["", "12", "", "Graded"],
  ]);
});

test("only the section's teacher can download its grades: another teacher and a student get 404, nobody signed in 401", async ({
  page,
  make,
  db,
  request,
  newContext,
}) => {
  const owner = await make.teacher();
  const section = await make.section(owner.id);
  const assignment = await gradingData(db).assignment(section.id);
  const student = await make.student();
  await make.enroll(section.id, student.id); // even a student of this very section
  const urls = [
    `/sections/${section.id}/assignments/${assignment.id}/grades.csv`,
    `/sections/${section.id}/assignments/${assignment.id}/grades.csv?format=canvas`,
    `/sections/${section.id}/grades.csv`,
  ];
  const expectRefused = async (
    get: (url: string) => Promise<{ status(): number; headers(): Record<string, string>; text(): Promise<string> }>,
    status: number,
  ) => {
    for (const url of urls) {
      const response = await get(url);
      expect(response.status(), url).toBe(status);
      expect(response.headers()["content-type"], url).not.toContain("text/csv");
      expect(await response.text(), url).not.toContain(student.email);
    }
  };

  await expectRefused((url) => request.get(url), 401);

  await signIn(page, (await make.teacher()).email);
  await expectRefused((url) => page.request.get(url), 404);

  const studentPage = await (await newContext()).newPage();
  await signIn(studentPage, student.email);
  await expectRefused((url) => studentPage.request.get(url), 404);

  // The owner, for contrast, gets the files.
  const ownerPage = await (await newContext()).newPage();
  await signIn(ownerPage, owner.email);
  for (const url of urls) {
    const response = await ownerPage.request.get(url);
    expect(response.status(), url).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(await response.text()).toContain(student.email);
  }
});

test("a download link on another site lands on a page that offers it from here; an image there is refused; neither writes to the access log until the teacher opens it", async ({
  page,
  make,
  db,
  baseURL,
  newContext,
  consoleGuard,
}) => {
  consoleGuard.allow(/continue\?to=.*status of 404/);
  // The page "on another site" the test opens (route-fulfilled: nothing leaves the machine).
  consoleGuard.allow(/request to another origin: document https:\/\/elsewhere\.example\//);
  const owner = await make.teacher();
  const section = await make.section(owner.id);
  const assignment = await gradingData(db).assignment(section.id);
  const student = await make.student();
  await make.enroll(section.id, student.id);
  await signIn(page, owner.email);
  const url = `${baseURL}/sections/${section.id}/assignments/${assignment.id}/grades.csv?format=simple`;
  const logged = async () => (await db.select().from(accessLog).where(eq(accessLog.sectionId, section.id))).length;

  // The same address as an <img> on a page elsewhere, with the teacher's cookies, as the browser sends
  // it (Chromium itself would not let a public site's page load from this machine's loopback address).
  const image = await page.request.get(url, {
    headers: { "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image" },
    maxRedirects: 0,
  });
  expect(image.status()).toBe(403);
  expect(await image.text()).not.toContain(student.email);

  // A page elsewhere (a student's, say) with the link: the teacher's browser follows it with its cookies.
  await page.route("https://elsewhere.example/**", (route) =>
    route.fulfill({ contentType: "text/html", body: `<a href="${url}">Free answers</a>` }),
  );
  await page.goto("https://elsewhere.example/");
  await page.getByRole("link", { name: "Free answers" }).click();
  await expect(page).toHaveURL(`/continue?to=${encodeURIComponent(new URL(url).pathname + new URL(url).search)}`);
  await expect(page.getByRole("heading", { level: 1, name: "You came here from another site" })).toBeVisible();
  expect(await page.content()).not.toContain(student.email);
  expect(await logged()).toBe(0);
  await expectNoViolations(page);

  // The teacher's own click, from the app's page: the file downloads and is logged.
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Open the assignment's grades (grades.csv)" }).click(),
  ]);
  expect(fs.readFileSync((await file.path())!, "utf8")).toContain(student.email);
  await expect.poll(logged).toBeGreaterThan(0);
  // Only the app's own files: any other address is not found, rather than named in words of the link's choosing.
  const spoof = await page.goto(`/continue?to=${encodeURIComponent("/api/x/reset-password-at-evil.example.com")}`);
  expect(spoof?.status()).toBe(404);
  await expect(page.getByText("evil.example")).toHaveCount(0);

  // Signed out, the same link goes through sign-in to the same page.
  const visitor = await (await newContext()).newPage();
  await visitor.route("https://elsewhere.example/**", (route) =>
    route.fulfill({ contentType: "text/html", body: `<a href="${url}">Free answers</a>` }),
  );
  await visitor.goto("https://elsewhere.example/");
  await visitor.getByRole("link", { name: "Free answers" }).click();
  await expect(visitor).toHaveURL(/\/sign-in\?callbackUrl=%2Fcontinue%3Fto%3D/);
  await waitForReady(visitor);
  await new SignInForm(visitor).signIn(owner.email, PASSWORD);
  await expect(visitor.getByRole("link", { name: "Open the assignment's grades (grades.csv)" })).toHaveAttribute(
    "href",
    new URL(url).pathname + new URL(url).search,
  );
});
