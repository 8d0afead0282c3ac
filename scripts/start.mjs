#!/usr/bin/env node
// `npm start`: install if needed, prepare data/, migrate, seed the demo into an empty database,
// build if needed, then serve the production app through scripts/server.mjs (Next.js behind the
// request edge). `npm run dev` (--dev) serves the same way in development mode, without a build.
import fs from "node:fs";
import path from "node:path";
import { baseEnv, ensureAuthSecret, ensureBuild, ensureDependencies, log, root, run, SERVER_MALLOC_ENV } from "./lib.mjs";

try {
  if (!(await ensureDependencies())) process.exit(1);
  fs.mkdirSync(path.join(root, "data"), { recursive: true });
  const env = { ...baseEnv, AUTH_SECRET: ensureAuthSecret(), AUTH_TRUST_HOST: "true" };
  run("npx", ["tsx", "db/setup.ts", "--seed"], { env });
  const dev = process.argv.includes("--dev");
  if (!dev) ensureBuild();
  const port = process.env.PORT ?? "3000";
  log(`Serving Recap Classroom on http://localhost:${port}${dev ? " (development mode)" : ""}`);
  run("node", ["scripts/server.mjs", ...(dev ? ["--dev"] : [])], { env: { ...SERVER_MALLOC_ENV, ...process.env, ...env, PORT: port } });
} catch (error) {
  // The step that failed has said why above; a stack trace of this script would only bury it.
  log(`Stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
