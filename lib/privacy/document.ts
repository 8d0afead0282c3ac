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
  const lines = [`### \`${entry.table}\``, "", `${entry.holds[0]!.toUpperCase()}${entry.holds.slice(1)}.`, ""];
  lines.push(`- **Why:** ${entry.purpose}`);
  lines.push(`- **Kept:** ${entry.retention}`);
  lines.push(`- **Who can see it:** ${entry.visibleTo}`);
  if (entry.links.length === 0) lines.push("- **About a person:** no");
  for (const link of entry.links) lines.push(`- **About:** ${linkText(link)}`);
  for (const [column, what] of Object.entries(entry.columns)) lines.push(`- \`${column}\`: ${what}`);
  for (const [column, what] of Object.entries(entry.staff ?? {})) lines.push(`- \`${column}\`: ${what} (not the row's person)`);
  if (entry.neverExported?.length) lines.push(`- Never in an export: ${entry.neverExported.map((c) => `\`${c}\``).join(", ")}`);
  if (entry.files?.length)
    lines.push(`- Stored files: ${entry.files.map((c) => `\`${c}\``).join(", ")} (the export includes the original)`);
  lines.push("");
  return lines;
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
    "  who still owns sections is skipped and listed), and sign-in records older than 90 days. It",
    "  writes nothing unless given `--apply`.",
    "- Erasing a student removes their account and everything of theirs at once; stored files are",
    "  deleted right after, and any that fail are retried by the next purge. The student's teachers",
    "  are warned first and may download their gradebook: the erasure waits until each has",
    "  acknowledged, or ERASURE_NOTICE_DAYS (default 7) after the warning.",
    "",
    "## Tables",
    "",
    ...PERSONAL_DATA.flatMap(tableSection),
  ].join("\n");
}
