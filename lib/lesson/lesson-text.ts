/**
 * The light format of the lesson's long texts, which teachers edit in a plain text box: a line
 * starting "## " or "### " is a heading, "- " a bullet, "1. " a numbered item, **bold** marks a
 * term, and a blank line ends a paragraph. Nothing else is special, so no markup reaches the page.
 */

export type Inline = { text: string; bold: boolean };

export type Block =
  | { kind: "heading"; level: 1 | 2; text: string }
  | { kind: "paragraph"; content: Inline[] }
  | { kind: "list"; ordered: boolean; items: Inline[][] };

const BULLET = /^[-*]\s+/;
const NUMBERED = /^\d+[.)]\s+/;

/** Splits "a **b** c" into plain and bold runs; an unmatched ** stays as typed. */
export function parseInline(text: string): Inline[] {
  const parts = text.split(/\*\*(.+?)\*\*/);
  return parts.map((part, i) => ({ text: part, bold: i % 2 === 1 })).filter((run) => run.text !== "");
}

export function parseLessonText(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ kind: "paragraph", content: parseInline(paragraph.join(" ")) });
    paragraph = [];
  };

  for (const raw of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    const heading = /^(#{2,3})\s+(.*)$/.exec(line);
    const ordered = NUMBERED.test(line);
    if (line === "") {
      endParagraph();
    } else if (heading) {
      endParagraph();
      blocks.push({ kind: "heading", level: heading[1]!.length === 2 ? 1 : 2, text: heading[2]!.trim() });
    } else if (ordered || BULLET.test(line)) {
      endParagraph();
      const item = parseInline(line.replace(ordered ? NUMBERED : BULLET, ""));
      const last = blocks.at(-1);
      if (last?.kind === "list" && last.ordered === ordered) last.items.push(item);
      else blocks.push({ kind: "list", ordered, items: [item] });
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  return blocks;
}

/** The words a reader sees (headings, paragraphs, list items), for the case study's length. */
export function countWords(source: string): number {
  const plain = (runs: Inline[]) => runs.map((run) => run.text).join("");
  return parseLessonText(source)
    .flatMap((block) =>
      block.kind === "heading" ? [block.text] : block.kind === "paragraph" ? [plain(block.content)] : block.items.map(plain),
    )
    .join(" ")
    .split(/\s+/)
    .filter(Boolean).length;
}

/** A text kept one item per line (the discussion prompts), as its non-empty lines. */
export function promptLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^[-*]\s+/, "").trim())
    .filter(Boolean);
}
