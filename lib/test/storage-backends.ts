import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { S3_SERVER_CREDENTIALS, startS3Server } from "@/scripts/s3-server.mjs";

/**
 * The two places stored files can live, for suites that must pass on both: start() points
 * lib/server/storage at one (through the same variables a deployment sets) and returns its stop.
 */
export const storageBackends = [
  {
    name: "local folder",
    local: true,
    async start() {
      delete process.env.STORAGE_URL;
      return async () => undefined;
    },
  },
  {
    name: "S3 (s3rver)",
    local: false,
    async start() {
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), "recap-s3-"));
      const server = await startS3Server({ directory, buckets: ["recap-test"] });
      Object.assign(process.env, S3_SERVER_CREDENTIALS, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" });
      process.env.STORAGE_URL = `${server.storageUrl()}`;
      return async () => {
        delete process.env.STORAGE_URL;
        await server.close();
        fs.rmSync(directory, { recursive: true, force: true });
      };
    },
  },
];
