/**
 * `npm run purge [-- --apply]`: the retention rules of docs/privacy.md. A dry run by default: it
 * prints what would go and writes nothing. With --apply it removes, in one transaction, students'
 * work in sections archived more than RETENTION_DAYS ago (default 365), accounts deactivated more
 * than RETENTION_DAYS ago (a teacher still owning sections is skipped and listed, and so is a
 * student on a roster until their teachers, warned by the first run, have acknowledged or
 * ERASURE_NOTICE_DAYS have passed), sign-in records older than 90 days and sign-in failure counts whose window has ended; then it deletes
 * the stored files queued by this run, an erasure, an image's removal or an earlier run that
 * failed. Meant for a daily cron job (README).
 */
import { closeDatabase } from "../db";
import { listPendingFileDeletions } from "../db/queries/file-deletions";
import { applyPurge, planPurge, type PurgeReport } from "../db/queries/retention";
import { retentionDays } from "../lib/env";
import { dataLocation } from "../lib/server/settings";
import { deleteQueuedFiles } from "../lib/server/stored-files";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

function print(report: PurgeReport, verb: string) {
  console.log(`${verb}:`);
  console.log(`  student work in ${report.sections} section(s) archived long enough:`);
  console.log(
    `    ${report.submissions} submission(s), ${report.images} image(s), ${report.attempts} attempt(s), ${report.scores} score(s), ${report.stars} star(s), ${report.excusals} excusal(s), ${report.extensions} extension(s)`,
  );
  console.log(`  ${report.accounts} deactivated account(s)`);
  console.log(`  ${report.signInEvents} sign-in record(s) older than 90 days`);
  console.log(`  ${report.signInThrottle} sign-in failure count(s) whose window has ended`);
  console.log(`  ${report.endedSessions} signed-out session(s) whose cookies have expired`);
  console.log(`  ${report.files} stored file(s)`);
  for (const skipped of report.skipped) console.log(`  skipped account ${skipped.email} (${skipped.id}): it ${skipped.reason}`);
}

export async function main(args: string[], now = new Date()): Promise<number> {
  const apply = args.includes("--apply");
  const unknown = args.filter((a) => a !== "--apply");
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown.join(" ")}. Usage: npm run purge [-- --apply]`);
    return 2;
  }
  const days = retentionDays();
  // Run from cron, this may not have the service's environment: say what it works on, and never
  // make an empty database to report nothing from.
  const where = dataLocation();
  console.log(`Database: ${where.database}\nImages: ${where.storage}`);
  if (!where.exists) {
    console.error("There is no database there. Run this with the app's own environment (DATABASE_PATH or DATABASE_URL).");
    return 2;
  }
  try {
    if (!apply) {
      print(await planPurge(now, days), `Dry run (RETENTION_DAYS=${days}); nothing was changed. Would remove`);
      console.log("Run `npm run purge -- --apply` to remove it.");
      return 0;
    }
    print(await applyPurge(now, days), `Removed (RETENTION_DAYS=${days})`);
    const files = await deleteQueuedFiles(await listPendingFileDeletions());
    console.log(
      `Deleted ${files.deleted} stored file(s)${files.failed ? `; ${files.failed} failed and stay queued for the next run` : ""}.`,
    );
    return files.failed > 0 ? 1 : 0;
  } finally {
    await closeDatabase();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) process.exitCode = await main(process.argv.slice(2));
