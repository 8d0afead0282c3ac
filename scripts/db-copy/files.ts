import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { NotFoundError } from "@/lib/errors";
import { storedPath, typeOf, type FileStore } from "@/lib/server/storage/store";

/**
 * Stored images: every key the database names plus every other stored file in the upload folder
 * (incoming/ holds request bodies being checked, never stored files), copied under the same key, so
 * the rows that name them need no change. The target store is read back to compare SHA-256s.
 */

const CONCURRENCY = 4;
const SAMPLES = 10;

export type FileInventory = {
  /** Every stored file in the folder (those the database names and any others): the keys to copy. */
  keys: string[];
  /** Keys the database names that are not in the folder. */
  missing: string[];
  /** Entries in the folder that are not stored files (temporary files of interrupted writes, strays). */
  skipped: string[];
};

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** The file a key names in the folder, or null when it is not there. */
async function readLocal(uploadsDir: string, key: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path.join(uploadsDir, storedPath(key)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** The stored files in the folder: `ab/abcdef…-….png`, the layout both stores share. */
async function filesInFolder(uploadsDir: string): Promise<{ keys: string[]; skipped: string[] }> {
  const keys: string[] = [];
  const skipped: string[] = [];
  const top = await fs.readdir(uploadsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  for (const entry of top) {
    if (entry.name === "incoming") continue;
    if (!entry.isDirectory()) {
      skipped.push(entry.name);
      continue;
    }
    for (const file of await fs.readdir(path.join(uploadsDir, entry.name), { withFileTypes: true })) {
      const relative = `${entry.name}/${file.name}`;
      let valid = false;
      try {
        valid = file.isFile() && storedPath(file.name) === relative;
      } catch {
        // not a name the server could have given a stored file
      }
      if (valid) keys.push(file.name);
      else skipped.push(relative);
    }
  }
  return { keys, skipped };
}

/** The keys to copy and what is wrong with the folder, before anything is read in full. */
export async function inventory(uploadsDir: string, referenced: Iterable<string>): Promise<FileInventory> {
  const found = await filesInFolder(uploadsDir);
  const inFolder = new Set(found.keys);
  const missing = [...new Set(referenced)].filter((key) => !inFolder.has(key)).sort();
  return { keys: found.keys.sort(), missing, skipped: found.skipped.sort() };
}

/** Runs `work` on every item, a few at a time. */
async function eachLimited<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

export type FileComparison = {
  files: number;
  bytes: number;
  /** Keys the target store lacks. */
  missing: number;
  missingSamples: string[];
  /** Keys the target holds with other bytes. */
  differing: number;
  differingSamples: string[];
};

type Progress = (done: number, total: number) => void;

/** Copies stored files from the upload folder to a store and checks them there; holds the laptop's checksums between phases. */
export class FileCopier {
  private readonly checksums = new Map<string, string>();

  constructor(
    private readonly uploadsDir: string,
    private readonly store: FileStore,
    private readonly keys: string[],
  ) {}

  /** The target's SHA-256 of a key, or null when it has no such object. */
  private async targetChecksum(key: string): Promise<string | null> {
    try {
      return sha256(await this.store.read(key));
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  private async sourceChecksum(key: string): Promise<{ checksum: string; bytes: number } | null> {
    const data = await readLocal(this.uploadsDir, key);
    if (!data) return null;
    const checksum = sha256(data);
    this.checksums.set(key, checksum);
    return { checksum, bytes: data.byteLength };
  }

  /**
   * Hashes every file on both sides (the laptop's files once; later comparisons reuse those sums,
   * as stored files never change under their key) and says what the target lacks or holds differently.
   */
  async compare(progress: Progress): Promise<FileComparison> {
    const result: FileComparison = { files: 0, bytes: 0, missing: 0, missingSamples: [], differing: 0, differingSamples: [] };
    let done = 0;
    await eachLimited(this.keys, async (key) => {
      let expected = this.checksums.get(key);
      if (!expected) {
        const local = await this.sourceChecksum(key);
        if (!local) throw new Error(`${key} disappeared from the upload folder during the copy.`);
        expected = local.checksum;
        result.bytes += local.bytes;
      }
      result.files++;
      const actual = await this.targetChecksum(key);
      if (actual === null) {
        result.missing++;
        if (result.missingSamples.length < SAMPLES) result.missingSamples.push(key);
      } else if (actual !== expected) {
        result.differing++;
        if (result.differingSamples.length < SAMPLES) result.differingSamples.push(key);
      }
      progress(++done, this.keys.length);
    });
    result.missingSamples.sort();
    result.differingSamples.sort();
    return result;
  }

  /**
   * Puts every file the target lacks under its own key (a PUT is atomic: an interrupted copy
   * leaves whole objects or none), and with `overwrite` every file whose bytes differ there.
   * Files already there with the same SHA-256 are skipped.
   */
  async copy({ overwrite }: { overwrite: boolean }, progress: Progress) {
    const outcome = { added: 0, updated: 0, left: 0 };
    let done = 0;
    await eachLimited(this.keys, async (key) => {
      const actual = await this.targetChecksum(key);
      const expected = this.checksums.get(key);
      if (actual === null || (actual !== expected && overwrite)) {
        const data = await readLocal(this.uploadsDir, key);
        if (!data) throw new Error(`${key} disappeared from the upload folder during the copy.`);
        await this.store.put(key, data, typeOf(key));
        if (actual === null) outcome.added++;
        else outcome.updated++;
      } else if (actual !== expected) outcome.left++;
      progress(++done, this.keys.length);
    });
    return outcome;
  }
}
