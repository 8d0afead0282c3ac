import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";

/**
 * Server actions are public POST endpoints: anyone can call one with its id, whatever page they
 * are (or are not) allowed to see. These helpers call them the way an attacker would, with ids
 * read from the production build that the test server runs.
 */

export type ServerAction = { id: string; exportedName: string; filename: string };

const MANIFEST = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json");

/** Every server action in the build (the ids change with each build, so never hard-code them). */
export function listServerActions(): ServerAction[] {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as {
    node?: Record<string, { exportedName: string; filename: string }>;
  };
  return Object.entries(manifest.node ?? {}).map(([id, entry]) => ({ id, exportedName: entry.exportedName, filename: entry.filename }));
}

export function findServerAction(exportedName: string, filename?: string): ServerAction {
  const matches = listServerActions().filter((a) => a.exportedName === exportedName && (!filename || a.filename === filename));
  if (matches.length !== 1) throw new Error(`expected one server action named ${exportedName}, found ${matches.length}`);
  return matches[0]!;
}

/**
 * A raw POST of a server action, as any HTTP client could send it. The request context carries the
 * cookies of whoever it belongs to (`page.request` shares the page's session; `request` has none).
 */
export async function postAction(
  request: APIRequestContext,
  action: ServerAction,
  args: unknown[],
  pathname = "/",
): Promise<{ response: APIResponse; body: string }> {
  const response = await request.post(pathname, {
    headers: {
      "Next-Action": action.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  return { response, body: await response.text() };
}

/**
 * Holds every call of one server action from this page on its way to the server until the returned
 * function is called; other requests pass.
 */
export async function holdServerAction(page: Page, exportedName: string): Promise<() => void> {
  const { id } = findServerAction(exportedName);
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/*", async (route) => {
    if (route.request().headers()["next-action"] === id) await held;
    await route.continue();
  });
  return release;
}
