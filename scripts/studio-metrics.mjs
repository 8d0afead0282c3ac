// Writes lib/studio/font-metrics.json: the advance width of every character the card font has, for
// the two weights the cards use, so the browser's preview and the server's render wrap lines the
// same way and the studio can tell when text overflows (lib/studio/layout.ts). Run after changing
// the font: `node scripts/studio-metrics.mjs`; lib/studio/layout.test.ts fails when it is stale.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cardFontFiles, measureFontFile } from "./card-fonts.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, "lib", "studio", "font-metrics.json");
const metrics = Object.fromEntries(cardFontFiles(root).map(({ weight, file }) => [weight, measureFontFile(file)]));
fs.writeFileSync(out, JSON.stringify(metrics) + "\n");
console.log(`wrote ${path.relative(root, out)}`);
