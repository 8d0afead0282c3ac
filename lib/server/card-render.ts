import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { renderAsync } from "@resvg/resvg-js";
import { LRUCache } from "lru-cache";
import satori, { type Font } from "satori";
import sharp from "sharp";
import type { CardSettings } from "@/lib/studio/card";
import { CARD_FONT_FAMILY, cardElement } from "@/lib/studio/card-element";
import type { LaidOutCard } from "@/lib/studio/layout";

/**
 * Cards as PNG files, drawn on the server from the same elements as the studio's preview: satori
 * turns them into SVG (text as outlines, with the app's own copy of Inter and Twemoji's pictures
 * from npm, so nothing is fetched), resvg rasterizes it off the main thread (librsvg, through
 * sharp, took 250 ms a card on its thousands of glyph outlines; resvg takes 60), and sharp encodes
 * the PNG. The same card drawn twice costs nothing the second time: PNGs are kept by a hash of
 * everything that decides their pixels (docs/decisions/013-studio-cards.md).
 */

// Bump when the drawing changes, so no cached PNG from the old drawing is served.
const RENDER_VERSION = 2; // 2: every script's letters (SUBSETS), not boxes
const CACHE_BYTES = 64 * 1024 * 1024;

const modules = () => path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules");

/**
 * Inter's files for every script it draws, as the studio's preview loads them (@fontsource/inter's
 * CSS, by unicode-range): with the Latin subset alone, names like Łódź, Nguyễn or Şükrü came out
 * of the PNG with boxes for letters the preview showed.
 */
const SUBSETS = ["latin", "latin-ext", "vietnamese", "cyrillic", "cyrillic-ext", "greek", "greek-ext"] as const;

let fonts: Promise<Font[]> | undefined;
function loadFonts(): Promise<Font[]> {
  fonts ??= Promise.all(
    SUBSETS.flatMap((subset) =>
      ([400, 700] as const).map(async (weight) => ({
        // A name of its own for each subset: satori keeps one font per name and weight, and takes a
        // letter the card's font lacks from the other names.
        name: subset === "latin" ? CARD_FONT_FAMILY : `${CARD_FONT_FAMILY} ${subset}`,
        weight,
        style: "normal" as const,
        data: await fs.readFile(path.join(modules(), "@fontsource", "inter", "files", `inter-${subset}-${weight}-normal.woff`)),
      })),
    ),
  );
  return fonts;
}

/** Twemoji's file name for an emoji: its code points in hex, without the variation selector. */
export function emojiFileName(segment: string): string {
  return `${[...segment]
    .map((c) => c.codePointAt(0)!.toString(16))
    .filter((c) => c !== "fe0f")
    .join("-")}.svg`;
}

async function loadAsset(kind: string, segment: string): Promise<string> {
  if (kind !== "emoji") return "";
  try {
    const svg = await fs.readFile(path.join(modules(), "@twemoji", "svg", emojiFileName(segment)));
    return `data:image/svg+xml;base64,${svg.toString("base64")}`;
  } catch {
    return ""; // an emoji Twemoji lacks is left out rather than failing the card
  }
}

const cache = new LRUCache<string, Buffer>({ maxSize: CACHE_BYTES, sizeCalculation: (png) => png.length });
let renders = 0;

/** How many cards were actually drawn (not served from the cache) since start: for tests and the bench. */
export const cardRenderCount = () => renders;

type Look = Pick<CardSettings, "theme" | "textColor" | "background">;

export async function renderCardPng(settings: Look, card: LaidOutCard): Promise<Buffer> {
  const look: Look = { theme: settings.theme, textColor: settings.textColor, background: settings.background };
  const key = createHash("sha256")
    .update(JSON.stringify([RENDER_VERSION, look, card]))
    .digest("base64url");
  const hit = cache.get(key);
  if (hit) return hit;
  const svg = await satori(cardElement(look, card), {
    width: card.width,
    height: card.height,
    fonts: await loadFonts(),
    loadAdditionalAsset: loadAsset,
  });
  const image = await renderAsync(svg, { fitTo: { mode: "original" } });
  const png = await sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 4 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
  renders++;
  cache.set(key, png);
  return png;
}
