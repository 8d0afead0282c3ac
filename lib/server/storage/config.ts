import "../../zod-jitless";
import { z } from "zod";

/** Where an S3-compatible bucket is, from STORAGE_URL. Credentials never come from here. */
export type S3Location = { bucket: string; prefix: string; endpoint?: string; region: string; forcePathStyle: boolean };

const EXAMPLE = "s3://BUCKET[/PREFIX]?endpoint=https://s3.example.org&region=us-east-1&forcePathStyle=true";

// S3's own rules for bucket names (lowercase, 3-63 characters, no leading or trailing dot or hyphen).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX = /^(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\/?$/;

// strictObject: a misspelt option (forcepathstyle) is refused rather than silently ignored.
const optionsSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL, e.g. http://127.0.0.1:9000" }).optional(),
  region: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, "must be a region name such as us-east-1")
    .default("us-east-1"),
  forcePathStyle: z
    .enum(["true", "false"], { error: "must be true or false" })
    .default("false")
    .transform((value) => value === "true"),
});

/** Every problem at once, so one edit fixes the variable; the value itself is never echoed back. */
function problemsWith(url: URL, options: z.ZodSafeParseResult<unknown>): string[] {
  const problems: string[] = [];
  if (url.username || url.password) problems.push("must not carry credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead");
  if (!BUCKET.test(url.hostname))
    problems.push("the bucket name (right after s3://) must be 3-63 lowercase letters, digits, dots or hyphens");
  if (!PREFIX.test(url.pathname)) problems.push("the prefix (after the bucket) may hold only letters, digits, . _ - and /");
  if (url.hash) problems.push("must not end in a #fragment");
  for (const issue of options.error?.issues ?? []) {
    problems.push(
      issue.code === "unrecognized_keys"
        ? `unknown option ${issue.keys.join(", ")} (the options are endpoint, region and forcePathStyle)`
        : `?${issue.path.join(".")}: ${issue.message}`,
    );
  }
  return problems;
}

const storageUrlSchema = z
  .url({ protocol: /^s3$/, error: "must start with s3:// followed by the bucket name" })
  .transform((value, ctx): S3Location => {
    const url = new URL(value);
    const options = optionsSchema.safeParse(Object.fromEntries(url.searchParams));
    const problems = problemsWith(url, options);
    if (problems.length > 0 || !options.success) {
      for (const message of problems) ctx.issues.push({ code: "custom", input: "(hidden)", message });
      return z.NEVER;
    }
    const prefix = url.pathname.replace(/^\/+|\/+$/g, "");
    return { bucket: url.hostname, prefix: prefix ? `${prefix}/` : "", ...options.data };
  });

/**
 * Reads STORAGE_URL: unset or empty keeps files in the local folder (UPLOADS_DIR); otherwise it must
 * name an S3-compatible bucket, and a mistake stops the app with a message that says how to fix it.
 * The value itself is never repeated in the message, in case it holds a secret.
 */
export function parseStorageUrl(value: string | undefined): S3Location | null {
  if (value === undefined || value.trim() === "") return null;
  const parsed = storageUrlSchema.safeParse(value.trim());
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  - ${issue.message}`).join("\n");
  throw new Error(
    `STORAGE_URL is not a valid object storage address:\n${problems}\n` +
      `Expected ${EXAMPLE} (endpoint only for S3-compatible services other than AWS; forcePathStyle=true for most of them). ` +
      "Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the platform's usual AWS credentials). " +
      "Leave STORAGE_URL unset to keep uploads in the local folder (UPLOADS_DIR).",
  );
}
