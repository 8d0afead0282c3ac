/**
 * `npm run db:copy -- --to postgres://… [--storage s3://…] [--from data/app.db] [--uploads data/uploads] [--dry-run] [--mirror]`:
 * moves an install from one laptop to PostgreSQL and object storage (README, "Moving up from one laptop").
 */
import { main } from "./db-copy/run";

// The AWS SDK's notice that its releases after January 2027 need Node 22 (ADR 009) concerns the
// app's own upgrade, not this one-off copy: keep it out of the copy's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

process.exitCode = await main(process.argv.slice(2));
