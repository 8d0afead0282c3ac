import { REDACTED_NAME } from "./redact-name";
import { PERSONAL_DATA, STORAGE_PLACES, SUBPROCESSORS, type PersonLink, type TableEntry } from "./registry";

/**
 * docs/privacy.md, generated from the registry (`npm run privacy:docs` writes it; a test fails when
 * the committed file differs), so the documentation says exactly what the code does.
 */

function linkText(link: PersonLink): string {
  const by = link.endsWithEmail
    ? `\`${link.column}\` ends with their email`
    : link.through
      ? `\`${link.column}\` → \`${link.through.table}.${link.through.column}\``
      : `\`${link.column}\``;
  const erase =
    "delete" in link.erase
      ? "row deleted"
      : "refuse" in link.erase
        ? `not erasable while such rows exist (${link.erase.refuse})`
        : `row kept, ${Object.keys(link.erase.set)
            .map((c) => `\`${c}\``)
            .join(
              ", ",
            )} cleared${link.erase.onlyWhere ? ` where \`${link.erase.onlyWhere.column}\` is ${link.erase.onlyWhere.in.join(" or ")}` : ""}`;
  return `${link.as}, by ${by}; on erasure: ${erase}`;
}

function tableSection(entry: TableEntry): string[] {
  const lines = [`### ${entry.title} (\`${entry.table}\`)`, "", `${entry.holds[0]!.toUpperCase()}${entry.holds.slice(1)}.`, ""];
  lines.push(`- **Why:** ${entry.purpose}`);
  lines.push(`- **Kept:** ${entry.retention}`);
  lines.push(`- **Who can see it:** ${entry.visibleTo}`);
  if (entry.links.length === 0) lines.push("- **About a person:** no");
  for (const link of entry.links) lines.push(`- **About:** ${linkText(link)}`);
  for (const [column, what] of Object.entries(entry.columns)) lines.push(`- \`${column}\`: ${what}`);
  for (const [column, what] of Object.entries(entry.staff ?? {})) lines.push(`- \`${column}\`: ${what} (not the row's person)`);
  if (entry.neverExported?.length) lines.push(`- Never in an export: ${entry.neverExported.map((c) => `\`${c}\``).join(", ")}`);
  if (entry.namesStudents)
    lines.push(
      `- \`${entry.namesStudents.column}\` may name a student: erasing a student replaces their name (whole, or the first name alone, as a whole word in any case) with "${REDACTED_NAME}" in the rows of the student's teachers`,
    );
  if (entry.untilReturned)
    lines.push(
      `- In the student's own export only once the work is returned (as in the app): ${untilReturnedWhat(entry.untilReturned)}; an administrator's export holds them all along`,
    );
  if (entry.files?.length)
    lines.push(`- Stored files: ${entry.files.map((c) => `\`${c}\``).join(", ")} (the export includes the original)`);
  lines.push("");
  return lines;
}

/** What of a table's rows waits for the return in a student's own export. */
function untilReturnedWhat(hidden: NonNullable<TableEntry["untilReturned"]>): string {
  if (hidden.columns) return hidden.columns.map((c) => `\`${c}\``).join(", ");
  if (hidden.onlyWhere) return `the rows whose \`${hidden.onlyWhere.column}\` is ${hidden.onlyWhere.in.map((v) => `"${v}"`).join(" or ")}`;
  return "the rows";
}

export function privacyDocument(): string {
  return [
    "# Privacy: what Recap Classroom stores",
    "",
    "<!-- Generated from lib/privacy/registry.ts by `npm run privacy:docs`; do not edit by hand. -->",
    "",
    "The app keeps only what teaching, handing in and grading the lesson need. The data export",
    "(a student's \"Download my data\" on /account, or an administrator's), the erasure of a student",
    "(/admin/accounts/ID/privacy) and the retention purge (`npm run purge`) all follow the table list",
    "below, which is the code's own registry.",
    "",
    "## Where it is stored",
    "",
    ...STORAGE_PLACES.map((place) => `- ${place}`),
    "",
    "## Subprocessors",
    "",
    SUBPROCESSORS,
    "",
    "## Retention",
    "",
    "- `npm run purge` (daily, from cron) removes students' work in sections archived more than",
    "  RETENTION_DAYS ago (default 365), accounts deactivated more than RETENTION_DAYS ago (a teacher",
    "  who still owns sections is skipped and listed), sign-in records older than 90 days, and counts",
    "  of failed sign-ins whose 15-minute window has ended and which lock nothing. It writes nothing",
    "  unless given `--apply`.",
    "- Erasing a student removes their account and everything of theirs at once, and takes their name",
    "  out of their teachers' saved comments; stored files are deleted right after, and any that fail",
    "  are retried by the next purge. The student's teachers are warned first and may download their",
    "  gradebook: the erasure waits until each has acknowledged, or ERASURE_NOTICE_DAYS (default 7)",
    "  after the warning.",
    "- A deactivated student still on a teacher's roster is not erased by the purge at once either: the",
    "  first `--apply` warns their teachers, and a later purge erases them once each has acknowledged or",
    "  ERASURE_NOTICE_DAYS have passed.",
    "- A student removing an image, and an upload or card save that fails, delete the files the same",
    "  way: the file's key is recorded first, so one that fails to delete is retried by the purge.",
    "- In the browser, a student's changes that have not reached the server yet wait in its local",
    "  storage (offline, or within a second of typing), so closing the tab loses nothing; a save",
    "  removes them. Signing out removes them too, after asking, so the next person at a shared",
    "  computer cannot read them.",
    "",
    "## Data exports",
    "",
    '- A student\'s own export ("Download my data") holds what they can see in the app: their',
    "  scores, feedback and grade history appear once the teacher has returned the work, not before.",
    "- An administrator's export of a student (for a formal request for their data) holds everything,",
    "  returned or not.",
    "- Neither holds a count of failed sign-ins keyed by a network address: whoever typed the",
    "  student's email from that address may have been someone else. Those counts are still erased.",
    "- Every export lists who opened, graded, excused or downloaded the student's work, including each grades",
    "  or roster download of a whole class that had them in it.",
    "- Every account with a password of its own downloads its own export from /account; a teacher",
    "  waiting for an administrator's approval, or refused it, from the page that says so.",
    "",
    "## What deletion leaves behind",
    "",
    "Deleting a row or a file in the app removes it from what the app can read. Copies can remain",
    "outside it for a while:",
    "",
    "- **The database files.** SQLite's `secure_delete` is off (its default): a deleted row's bytes",
    "  stay in free pages of `app.db`, and in its `-wal` file until a checkpoint, until new data",
    "  overwrites them; anyone who can read the file on the server could recover them. After an",
    "  erasure that must leave no trace there, stop the app and run `sqlite3 data/app.db 'VACUUM'`,",
    "  which rewrites the file without free pages. Turning `secure_delete` on would zero freed space",
    "  at every delete and update, at a cost in write speed, and still not reach backups; VACUUM when",
    "  needed was judged enough. PostgreSQL is alike: a deleted row stays in its data files until the",
    "  space is reused, and in archived write-ahead log for as long as that is kept.",
    "- **Object storage.** With `STORAGE_URL` set and bucket versioning on (docs/deploy.md suggests it),",
    "  deleting an image keeps its earlier version in the bucket. It stays until the operator turns",
    "  versioning off or a lifecycle rule expires non-current versions: set one to your retention",
    "  period. An image in the uploads folder is deleted as a file.",
    "- **The disk.** Below all of these, a disk (an SSD especially) may keep old blocks of deleted",
    "  files and pages; full-disk encryption on the server is what covers that.",
    "- **Backups.** A backup taken before an erasure or a purge still holds what was removed, until it",
    "  is rotated out. Keep backups no longer than your retention period, and do not restore an erased",
    "  student from one: after restoring, erase them again.",
    "",
    "## Tables",
    "",
    ...PERSONAL_DATA.flatMap(tableSection),
  ].join("\n");
}
