import { createElement, type CSSProperties, type ReactElement } from "react";
import { cardColors, type CardBackground, type CardSettings } from "./card";
import type { LaidOutCard } from "./layout";

/**
 * One laid-out card as React elements with inline styles that both a browser and satori draw the
 * same way (flexbox only, one line per element, no wrapping left to the renderer): the studio's
 * preview, the grading view and the server's PNG (lib/server/card-render.ts) all use it.
 */

export const CARD_FONT_FAMILY = "Inter";

function backgroundStyle(kind: CardBackground, [a, b]: readonly [string, string] | readonly string[]): CSSProperties {
  switch (kind) {
    case "plain":
      return { backgroundColor: a };
    case "gradient":
      return { backgroundColor: a, backgroundImage: `linear-gradient(160deg, ${a} 0%, ${b} 100%)` };
    case "dots":
      return { backgroundColor: a, backgroundImage: `radial-gradient(circle, ${b} 22%, transparent 23%)`, backgroundSize: "96px 96px" };
    case "stripes":
      return { backgroundColor: a, backgroundImage: `linear-gradient(90deg, ${a} 50%, ${b} 50%)`, backgroundSize: "160px 160px" };
    case "rings":
      return {
        backgroundColor: a,
        backgroundImage: `radial-gradient(circle, ${a} 40%, ${b} 41%, ${b} 48%, ${a} 49%)`,
        backgroundSize: "240px 240px",
      };
  }
}

export function cardElement(settings: Pick<CardSettings, "theme" | "textColor" | "background">, card: LaidOutCard): ReactElement {
  const colors = cardColors(settings);
  const blocks = card.blocks.map((block, i) =>
    createElement(
      "div",
      { key: i, style: { display: "flex", flexDirection: "column", marginTop: block.gap } },
      block.lines.map((line, j) =>
        createElement(
          "div",
          {
            key: j,
            style: {
              display: "flex",
              whiteSpace: "pre",
              fontSize: block.fontSize,
              fontWeight: block.fontWeight,
              lineHeight: `${Math.round(block.fontSize * block.lineHeight)}px`,
              height: Math.round(block.fontSize * block.lineHeight),
            },
          },
          line,
        ),
      ),
    ),
  );
  return createElement(
    "div",
    {
      style: {
        display: "flex",
        flexDirection: "column",
        // Centred: a short card on a tall story should not leave its bottom half empty.
        justifyContent: "center",
        width: card.width,
        height: card.height,
        padding: card.padding,
        color: colors.text,
        fontFamily: CARD_FONT_FAMILY,
        overflow: "hidden",
        boxSizing: "border-box",
        ...backgroundStyle(settings.background, colors.background),
      },
    },
    blocks,
  );
}
