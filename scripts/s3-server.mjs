#!/usr/bin/env node
// A local S3-compatible server for tests, CI and end-to-end runs (s3rver, a dev dependency): each
// object is a file under --directory, and the --bucket buckets exist from the start. It knows one
// access key (S3RVER / S3RVER) and does not verify request signatures: for this machine only,
// never for real data.
//
//   node scripts/s3-server.mjs [--port 9000] [--address 127.0.0.1] [--directory data/s3] [--bucket recap]... [--verbose]
//
// --port 0 picks a free port. Once it listens it prints what the app needs, one variable a line,
// quoted for a shell (`set -a; . file; set +a` reads them back) and for .env files:
//   STORAGE_URL='s3://recap?endpoint=http://127.0.0.1:9000&region=us-east-1&forcePathStyle=true'
//   AWS_ACCESS_KEY_ID='S3RVER'
//   AWS_SECRET_ACCESS_KEY='S3RVER'
// and runs until SIGINT or SIGTERM. Tests start it in-process with startS3Server().
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import S3rver from "s3rver";

/** The one key pair s3rver accepts. */
export const S3_SERVER_CREDENTIALS = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };

/**
 * Starts the server and creates the buckets (existing ones and their objects are kept).
 * @param {{ directory: string, port?: number, address?: string, buckets?: string[], verbose?: boolean }} options
 */
export async function startS3Server({ directory, port = 0, address = "127.0.0.1", buckets = ["recap"], verbose = false }) {
  fs.mkdirSync(directory, { recursive: true });
  const server = new S3rver({ directory, port, address, silent: !verbose, configureBuckets: buckets.map((name) => ({ name })) });
  const listening = await server.run();
  const endpoint = `http://${address}:${listening.port}`;
  return {
    endpoint,
    port: listening.port,
    /** The STORAGE_URL that points the app at a bucket of this server. */
    storageUrl: (bucket = buckets[0]) => `s3://${bucket}?endpoint=${endpoint}&region=us-east-1&forcePathStyle=true`,
    /** @returns {Promise<void>} */
    close: () => server.close(),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "9000" },
      address: { type: "string", default: "127.0.0.1" },
      directory: { type: "string", default: "data/s3" },
      bucket: { type: "string", multiple: true, default: ["recap"] },
      verbose: { type: "boolean", default: false },
    },
  });
  const server = await startS3Server({
    directory: path.resolve(values.directory),
    port: Number(values.port),
    address: values.address,
    buckets: values.bucket,
    verbose: values.verbose,
  });
  // Single quotes: the URL's & would end a shell assignment; none of these values holds a quote.
  for (const [name, value] of Object.entries({ STORAGE_URL: server.storageUrl(), ...S3_SERVER_CREDENTIALS }))
    console.log(`${name}='${value}'`);
  const stop = () => server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
