import path from "node:path";
import { parseArgs } from "node:util";
import { NotFoundError } from "@/lib/errors";
import { parseStorageUrl, type S3Location } from "@/lib/server/storage/config";
import { s3Store } from "@/lib/server/storage/s3";
import type { FileStore } from "@/lib/server/storage/store";
import { submissionImages } from "../../db/schema/sqlite";
import { checkTargetUrl, CopyRefused, openSource, openTarget, type SourceDatabase, type TargetDatabase } from "./databases";
import { FileCopier, inventory, type FileComparison } from "./files";
import { describeDbError, TableCopier, tablesInCopyOrder, type TableComparison } from "./tables";

/**
 * `npm run db:copy`: moves an install from one laptop (the SQLite file and the upload folder) to
 * PostgreSQL and, with --storage, an S3-compatible bucket, then checks both. The laptop stays the
 * source of truth until the school switches: the copy can run again any number of times, adding
 * what is new, and with --mirror also bringing over changes and deletions (see README).
 */

const USAGE = `Usage: npm run db:copy -- --to postgres://user:password@host:5432/db [options]

  --to URL         the PostgreSQL database to fill (postgres://… or pglite:///folder)
  --storage URL    the bucket for the images: s3://bucket[/prefix]?endpoint=…&forcePathStyle=true
                   (credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY); without it the
                   images stay in the upload folder and are only checked
  --from FILE      the SQLite database (default: DATABASE_PATH, else data/app.db)
  --uploads DIR    the upload folder (default: UPLOADS_DIR, else data/uploads)
  --dry-run        compare and print what would be copied; change nothing
  --mirror         also overwrite rows and files that differ on the target and delete rows the
                   laptop no longer has: for copying again while the laptop is still in use
  --allow-missing-files
                   copy even though images the database names are missing from the folder

Exit status: 0 copied and verified (or a dry run that could go ahead), 1 something differs after
the copy or a write failed, 2 refused before writing anything.`;

type CopyOptions = {
  to: string;
  storage: S3Location | null;
  from: string;
  uploads: string;
  dryRun: boolean;
  mirror: boolean;
  allowMissingFiles: boolean;
};

/** Reads the command line; a mistake is a CopyRefused that says what to write instead. */
function parseArguments(argv: string[], env: NodeJS.ProcessEnv = process.env): CopyOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        to: { type: "string" },
        storage: { type: "string" },
        from: { type: "string" },
        uploads: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        mirror: { type: "boolean", default: false },
        "allow-missing-files": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    throw new CopyRefused(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) return "help";
  if (!values.to) throw new CopyRefused(`--to is required.\n\n${USAGE}`);
  if (checkTargetUrl(values.to).driver === "pglite" && !values.to.replace(/^pglite:(\/\/)?(memory)?/, ""))
    throw new CopyRefused("--to pglite: without a folder would copy into memory and lose it at the end: give pglite:///a/folder.");
  let storage: S3Location | null = null;
  if (values.storage !== undefined) {
    try {
      storage = parseStorageUrl(values.storage);
    } catch (error) {
      throw new CopyRefused(`--storage: ${(error as Error).message.replace(/^STORAGE_URL/, "the address")}`);
    }
    if (!storage) throw new CopyRefused("--storage is empty: give an s3:// address, or leave it out to keep the images in the folder.");
  }
  return {
    to: values.to,
    storage,
    from: path.resolve(values.from ?? env.DATABASE_PATH ?? path.join("data", "app.db")),
    uploads: path.resolve(values.uploads ?? env.UPLOADS_DIR ?? path.join("data", "uploads")),
    dryRun: values["dry-run"],
    mirror: values.mirror,
    allowMissingFiles: values["allow-missing-files"],
  };
}

function describeStore(location: S3Location): string {
  const where = `s3://${location.bucket}${location.prefix ? `/${location.prefix.replace(/\/$/, "")}` : ""}`;
  return location.endpoint ? `${where} at ${new URL(location.endpoint).host}` : where;
}

/** One line of the summary: a table, or the stored files. */
type SummaryLine = {
  name: string;
  laptop: number;
  targetBefore: number;
  /** Planned (dry run, refusal) or done. */
  add: number;
  update: number;
  remove: number;
  /** After the copy, from the verification; null when nothing was written. */
  targetAfter: number | null;
  problem: string | null;
};

export type CopyReport = {
  /**
   * verified: copied and checked; planned: a dry run that could go ahead; refused: nothing was
   * written; mismatch: written, but a check failed.
   */
  status: "verified" | "planned" | "refused" | "mismatch";
  source: string;
  target: string;
  files: string;
  lines: SummaryLine[];
  /** Why it refused, what differs, what to know. */
  notes: string[];
  seconds: number;
};

export type Log = { phase(text: string): void; progress(label: string, done: number, total: number): void };

/** Prints a running count at most every two seconds, so a long copy shows it is moving and a short one stays quiet. */
function throttledLog(write: (line: string) => void, now = () => Date.now()): Log {
  let last = now();
  const started = new Set<string>();
  return {
    phase(text) {
      write(text);
      last = now();
    },
    progress(label, done, total) {
      const finished = done >= total;
      if (now() - last < 2_000 && !(finished && started.has(label))) return;
      started.add(label);
      last = now();
      write(`  ${label}: ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")}`);
    },
  };
}

type Files = { uploadsDir: string; store: { store: FileStore; label: string } | null; allowMissing: boolean };

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const short = (items: string[], total: number) => `${items.join(", ")}${total > items.length ? `, … (${total} in all)` : ""}`;

/** What the comparison of one table says is wrong after the copy, or null. */
function rowProblem(after: TableComparison): string | null {
  const problems = [];
  if (after.target !== after.source) problems.push(`${after.target} rows in the target, ${after.source} on the laptop`);
  if (after.missing) problems.push(`${after.missing} missing`);
  if (after.differing)
    problems.push(`${after.differing} differ (${after.differingSamples.map((s) => `${s.id}: ${s.columns.join(", ")}`).join("; ")})`);
  if (after.extra) problems.push(`${after.extra} not on the laptop (${short(after.extraSamples, after.extra)})`);
  return problems.length ? problems.join("; ") : null;
}

function fileProblem(after: FileComparison): string | null {
  const problems = [];
  if (after.missing) problems.push(`${after.missing} missing in the store (${short(after.missingSamples, after.missing)})`);
  if (after.differing)
    problems.push(`${after.differing} with another SHA-256 in the store (${short(after.differingSamples, after.differing)})`);
  return problems.length ? problems.join("; ") : null;
}

/**
 * The copy itself, between an open source, an open target and (optionally) a store:
 * compare everything first and refuse before writing when the target holds something else; then
 * files, then rows in foreign-key order, batch by batch; then compare everything again.
 */
export async function copyInstall({
  source,
  target,
  files,
  mirror,
  dryRun,
  log,
}: {
  source: SourceDatabase;
  target: TargetDatabase;
  files: Files;
  mirror: boolean;
  dryRun: boolean;
  log: Log;
}): Promise<CopyReport> {
  const started = Date.now();
  const report: CopyReport = {
    status: "planned",
    source: source.file,
    target: target.label,
    files: files.store ? `${files.uploadsDir} → ${files.store.label}` : `stay in ${files.uploadsDir}`,
    lines: [],
    notes: [],
    seconds: 0,
  };
  const done = (status: CopyReport["status"]) => ({ ...report, status, seconds: (Date.now() - started) / 1000 });
  const tables = tablesInCopyOrder();
  const rows = new TableCopier(source, target.db, target.migrated);
  if (!target.migrated) report.notes.push("The target has no tables of this version yet: a real run creates them first (its migrations).");

  log.phase(`Comparing ${source.file} with ${target.label}…`);
  const before: TableComparison[] = [];
  for (const pair of tables) before.push(await rows.compare(pair, log.progress));

  const referenced = (
    await source.db.select({ image: submissionImages.storageKey, thumbnail: submissionImages.thumbnailKey }).from(submissionImages)
  ).flatMap((row) => [row.image, row.thumbnail]);
  const found = await inventory(files.uploadsDir, referenced);
  const fileCopier = files.store ? new FileCopier(files.uploadsDir, files.store.store, found.keys) : null;
  const filesBefore = fileCopier ? await fileCopier.compare((n, total) => log.progress("stored files", n, total)) : null;

  // Refusals: each leaves both sides as they were.
  const refusals: string[] = [];
  for (const table of before.filter((t) => t.unstorable.length > 0))
    refusals.push(
      `${table.table}: ${table.unstorable.length} rows hold a NUL character, which PostgreSQL cannot store ` +
        `(${table.unstorable
          .slice(0, 5)
          .map((row) => `${row.id}: ${row.columns.join(", ")}`)
          .join("; ")}). Remove it on the laptop, then copy.`,
    );
  if (found.missing.length > 0 && !files.allowMissing)
    refusals.push(
      `${found.missing.length} images the database names are not in ${files.uploadsDir} (${short(found.missing.slice(0, 5), found.missing.length)}). ` +
        "Check --uploads; if they are truly lost, copy anyway with --allow-missing-files.",
    );
  const targetRows = sum(before.map((t) => t.target));
  const shared = sum(before.map((t) => t.source - t.missing));
  if (targetRows > 0 && shared === 0)
    refusals.push(
      `${target.label} already holds ${targetRows} rows, none of them this laptop's: it belongs to another install (or to the demo that ` +
        "`npm start` seeds into an empty database). db:copy only fills an empty database or one it filled from this laptop before; " +
        "use a new, empty database (or drop and create this one).",
    );
  else if (!mirror) {
    const changes = before.filter((t) => t.differing > 0 || t.extra > 0);
    for (const t of changes)
      refusals.push(
        `${t.table}: ${[
          t.differing
            ? `${t.differing} rows differ from the laptop's (${t.differingSamples.map((s) => `${s.id}: ${s.columns.join(", ")}`).join("; ")})`
            : "",
          t.extra ? `${t.extra} rows are not on the laptop (${short(t.extraSamples, t.extra)})` : "",
        ]
          .filter(Boolean)
          .join("; ")}.`,
      );
    if (filesBefore?.differing)
      refusals.push(
        `${filesBefore.differing} stored files differ in the store (SHA-256): ${short(filesBefore.differingSamples, filesBefore.differing)}.`,
      );
    if (changes.length > 0 || filesBefore?.differing)
      refusals.push(
        "The target already holds other data for these ids. If it is an earlier copy of this laptop and the laptop is still the " +
          "one in use (you have not switched yet), run again with --mirror: the laptop's rows and files replace the target's, and " +
          "rows the laptop no longer has are deleted. If the school already works on the target, do not: its changes would be lost.",
      );
  }
  if (found.missing.length > 0 && files.allowMissing)
    report.notes.push(`${found.missing.length} images the database names were already missing from the folder and are not copied.`);
  if (found.skipped.length > 0)
    report.notes.push(
      `${found.skipped.length} entries in the folder are not stored files and were left (${short(found.skipped.slice(0, 3), found.skipped.length)}).`,
    );
  if (!files.store)
    report.notes.push(`No --storage: the images stay in ${files.uploadsDir}; the app on PostgreSQL must use the same UPLOADS_DIR.`);

  report.lines = [
    ...before.map((t) => ({
      name: t.table,
      laptop: t.source,
      targetBefore: t.target,
      add: t.missing,
      update: mirror ? t.differing : 0,
      remove: mirror ? t.extra : 0,
      targetAfter: null,
      problem: null,
    })),
    ...(filesBefore
      ? [
          {
            name: "stored files",
            laptop: filesBefore.files,
            targetBefore: filesBefore.files - filesBefore.missing,
            add: filesBefore.missing,
            update: mirror ? filesBefore.differing : 0,
            remove: 0,
            targetAfter: null,
            problem: null,
          },
        ]
      : []),
  ];
  if (refusals.length > 0) {
    report.notes.unshift(...refusals);
    return done("refused");
  }
  if (dryRun) {
    report.notes.push("Dry run: nothing was written.");
    return done("planned");
  }

  // Files first: a row never names an image the store does not have yet.
  let filesDone: { added: number; updated: number } | null = null;
  if (fileCopier) {
    log.phase("Copying stored files…");
    filesDone = await fileCopier.copy({ overwrite: mirror }, (n, total) => log.progress("stored files", n, total));
  }
  log.phase("Copying rows…");
  const deleted = new Map<string, number>();
  // Children before parents, and before any insert: a row the laptop re-created under a new id
  // (a star given again) would otherwise meet its old self in a unique index.
  if (mirror) for (const pair of [...tables].reverse()) deleted.set(pair.name, await rows.deleteExtra(pair));
  const copied = new Map<string, { added: number; updated: number }>();
  for (const pair of tables) copied.set(pair.name, await rows.copy(pair, { overwrite: mirror }, log.progress));

  log.phase(
    `Verifying: row counts and values per table${fileCopier ? ", the SHA-256 of every stored file read back from the store" : ""}…`,
  );
  for (const [i, pair] of tables.entries()) {
    const after = await rows.compare(pair, log.progress);
    const line = report.lines[i]!;
    Object.assign(line, {
      add: copied.get(pair.name)!.added,
      update: copied.get(pair.name)!.updated,
      remove: deleted.get(pair.name) ?? 0,
      targetAfter: after.target,
      problem: rowProblem(after),
    });
  }
  if (fileCopier && filesDone) {
    const after = await fileCopier.compare((n, total) => log.progress("stored files", n, total));
    Object.assign(report.lines.at(-1)!, {
      add: filesDone.added,
      update: filesDone.updated,
      targetAfter: after.files - after.missing,
      problem: fileProblem(after),
    });
  }
  const failed = report.lines.filter((line) => line.problem);
  for (const line of failed) report.notes.unshift(`${line.name}: ${line.problem}`);
  return done(failed.length > 0 ? "mismatch" : "verified");
}

/** The summary as a table and the notes below it. */
export function formatReport(report: CopyReport): string {
  const written = report.lines.some((line) => line.targetAfter !== null);
  const header = [
    "",
    "laptop",
    "target before",
    written ? "added" : "to add",
    written ? "updated" : "to update",
    written ? "deleted" : "to delete",
  ];
  if (written) header.push("target after", "check");
  const body = report.lines.map((line) => {
    const cells = [line.name, line.laptop, line.targetBefore, line.add, line.update, line.name === "stored files" ? "—" : line.remove].map(
      (cell) => (typeof cell === "number" ? cell.toLocaleString("en-US") : cell),
    );
    if (written) cells.push(line.targetAfter?.toLocaleString("en-US") ?? "—", line.problem ? "DIFFERS" : "ok");
    return cells;
  });
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((cells) => String(cells[i]).length)));
  const format = (cells: (string | number)[]) =>
    cells
      .map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  const verdict = {
    verified: `Copied and verified in ${report.seconds.toFixed(1)} s: every table has the laptop's rows and values${report.files.startsWith("stay ") ? "" : ", every stored file the same SHA-256"}.`,
    planned: `Nothing written (${report.seconds.toFixed(1)} s).`,
    refused: "Refused: nothing was written.",
    mismatch: "The copy finished but the target differs from the laptop (above). Run db:copy again; if it still differs, do not switch.",
  }[report.status];
  return [
    `From ${report.source}`,
    `To   ${report.target}`,
    `Files ${report.files}`,
    "",
    format(header),
    ...body.map(format),
    "",
    ...report.notes.map((note) => `- ${note}`),
    ...(report.notes.length ? [""] : []),
    verdict,
  ].join("\n");
}

/**
 * The command: parse, open, copy, print; answers the exit status (USAGE lists them). Tests hand
 * in their own output and an already open target (a PGlite in memory they inspect afterwards).
 */
export async function main(
  argv: string[],
  io: { out: (text: string) => void; err: (text: string) => void } = {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  },
  open: { target: typeof openTarget } = { target: openTarget },
): Promise<number> {
  let source: SourceDatabase | undefined;
  let target: TargetDatabase | undefined;
  try {
    const options = parseArguments(argv);
    if (options === "help") {
      io.out(USAGE);
      return 0;
    }
    source = openSource(options.from);
    let store: { store: FileStore; label: string } | null = null;
    if (options.storage) {
      store = { store: s3Store(options.storage), label: describeStore(options.storage) };
      // A missing bucket or wrong credentials show here, before the database is touched.
      await store.store.read("00000000-0000-4000-8000-000000000000.png").catch((error: unknown) => {
        if (error instanceof NotFoundError) return;
        throw new CopyRefused(`Cannot read ${describeStore(options.storage!)}: ${(error as Error).name}: ${(error as Error).message}`);
      });
    }
    target = await open.target(options.to, { migrate: !options.dryRun });
    const report = await copyInstall({
      source,
      target,
      files: { uploadsDir: options.uploads, store, allowMissing: options.allowMissingFiles },
      mirror: options.mirror,
      dryRun: options.dryRun,
      log: throttledLog(io.err),
    });
    io.out(formatReport(report));
    return { verified: 0, planned: 0, refused: 2, mismatch: 1 }[report.status];
  } catch (error) {
    if (error instanceof CopyRefused) {
      io.err(`db:copy refused: ${error.message}`);
      return 2;
    }
    io.err(
      `db:copy failed: ${describeDbError(error)}\nWhat was written is whole (each batch is one statement); run the same command again to finish.`,
    );
    return 1;
  } finally {
    source?.close();
    await target?.close();
  }
}
