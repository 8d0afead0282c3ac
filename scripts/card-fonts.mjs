// The card font (Inter, from @fontsource/inter: an npm package, nothing fetched at run time) and
// how to measure it. Shared by scripts/studio-metrics.mjs and its staleness test.
import fs from "node:fs";
import path from "node:path";
import opentype from "@shuding/opentype.js";

/** The two weights cards use, as WOFF files (satori reads TTF, OTF and WOFF, not WOFF2). */
export function cardFontFiles(root) {
  const dir = path.join(root, "node_modules", "@fontsource", "inter", "files");
  return [400, 700].map((weight) => ({ weight, file: path.join(dir, `inter-latin-${weight}-normal.woff`) }));
}

/** Advance widths in font units for every character below U+3000 the font maps to a glyph. */
export function measureFontFile(file) {
  const data = fs.readFileSync(file);
  const font = opentype.parse(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  const widths = {};
  for (const [code, index] of Object.entries(font.tables.cmap.glyphIndexMap)) {
    if (Number(code) >= 0x3000 || index === 0) continue;
    widths[code] = font.glyphs.get(index).advanceWidth;
  }
  return { unitsPerEm: font.unitsPerEm, ascender: font.ascender, descender: font.descender, widths };
}
