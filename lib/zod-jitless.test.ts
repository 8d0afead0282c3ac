import fs from "node:fs";
import path from "node:path";
import { globalConfig } from "zod/v4/core";
import { describe, expect, it } from "vitest";
import "./zod-jitless";

/** A value import of zod (not `import type`), and whether lib/zod-jitless.ts is imported before it. */
function jitlessFirst(source: string): boolean | null {
  const zod = source.search(/^import (?!type\b)[^;]*from "zod(?:\/[^"]*)?";/m);
  if (zod < 0) return null;
  const jitless = source.search(/^import "(?:\.\.?\/)+(?:lib\/)?zod-jitless";/m);
  return jitless >= 0 && jitless < zod;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("zod's jitless option (ADR 011)", () => {
  it("is set once lib/zod-jitless.ts is loaded", () => {
    expect(globalConfig.jitless).toBe(true);
  });

  it("tells a module that builds schemas before setting it from one that sets it first", () => {
    expect(jitlessFirst('import { z } from "zod";\nexport const s = z.object({});\n')).toBe(false);
    expect(jitlessFirst('import { z } from "zod";\nimport "../zod-jitless";\n')).toBe(false);
    expect(jitlessFirst('import "../zod-jitless";\nimport { z } from "zod";\n')).toBe(true);
    expect(jitlessFirst('import type { z } from "zod";\n')).toBeNull();
  });

  it("is imported first by every module of the app that imports zod's values", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const late = ["app", "components", "lib"]
      .flatMap((dir) => sources(path.join(root, dir)))
      .filter((file) => !file.endsWith(path.join("lib", "zod-jitless.ts")))
      .filter((file) => jitlessFirst(fs.readFileSync(file, "utf8")) === false)
      .map((file) => path.relative(root, file));
    expect(late, 'add `import "…/zod-jitless";` just above the zod import').toEqual([]);
  });

  it("stays out of the studio modules the card previews load in the browser", () => {
    // The grading view's card preview imports these: a schema here put zod (31 KB gzip) back into
    // that page's first load. The card's schema lives in lib/validations/workspace.ts.
    const root = path.resolve(import.meta.dirname, "studio");
    const withZod = ["card.ts", "card-text.ts", "card-element.ts", "layout.ts"].filter(
      (file) => jitlessFirst(fs.readFileSync(path.join(root, file), "utf8")) !== null,
    );
    expect(withZod).toEqual([]);
  });
});
