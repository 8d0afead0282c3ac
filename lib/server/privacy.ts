import "server-only";
import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import { dataSummary, type PersonalData } from "@/lib/privacy/summary";
import { registryEntry } from "@/lib/privacy/registry";
import { attachmentHeader } from "@/lib/csv";
import { retentionDays } from "@/lib/env";
import { openStoredFile } from "@/lib/server/storage";

/** The original images' storage keys in a person's data, in the order the export lists them. */
function exportedFileKeys(data: PersonalData): string[] {
  const keys: string[] = [];
  for (const [table, rows] of Object.entries(data.tables)) {
    const column = registryEntry(table)?.files?.[0];
    if (column) for (const row of rows) if (typeof row[column] === "string") keys.push(row[column] as string);
  }
  return keys;
}

/**
 * A person's data as a ZIP, streamed: data.json (every row about them), summary.md (the same in
 * a few lines) and images/ (their originals). yazl asks for one image's stream only when the
 * previous has been written, so however many images there are, one is open at a time and none is
 * held whole in memory; the archive leaves as fast as the client reads it.
 */
function personalDataZip(data: PersonalData): ReadableStream<Uint8Array> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(data, null, 2)), "data.json");
  zip.addBuffer(Buffer.from(dataSummary(data, retentionDays())), "summary.md");
  for (const key of exportedFileKeys(data)) {
    zip.addReadStreamLazy(`images/${key}`, { compress: false }, (done) => {
      openStoredFile(key).then(
        (file) => done(null, Readable.fromWeb(file.body as import("node:stream/web").ReadableStream<Uint8Array>)),
        // A file already gone (an interrupted erasure) leaves a note in the archive rather than breaking it.
        () => done(null, Readable.from([Buffer.from(`The file ${key} could not be read.\n`)])),
      );
    });
  }
  zip.end();
  return Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>;
}

/** The download of a person's export, named after them and the day, so that several are told apart. */
function exportDisposition(data: PersonalData): string {
  return attachmentHeader(`recap-data ${data.person.name} ${data.exportedAt.toISOString().slice(0, 10)}`, "zip", "recap-data");
}

/** The response of an export route: the ZIP, streamed, never cached. */
export function personalDataResponse(data: PersonalData): Response {
  return new Response(personalDataZip(data), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": exportDisposition(data),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
