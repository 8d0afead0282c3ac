import { parseLessonText, type Inline } from "@/lib/lesson/lesson-text";

type Props = {
  text: string;
  /** The level "## " headings take on this page; "### " goes one below. */
  headingLevel: 2 | 3;
  className?: string;
};

const Runs = ({ runs }: { runs: Inline[] }) =>
  runs.map((run, i) =>
    run.bold ? (
      <strong key={i} className="font-semibold text-slate-950">
        {run.text}
      </strong>
    ) : (
      <span key={i}>{run.text}</span>
    ),
  );

/** One of the lesson's long texts (case study, lesson plan), laid out for reading on a phone. */
export function LessonText({ text, headingLevel, className = "" }: Props) {
  return (
    <div className={`max-w-prose space-y-3 text-base leading-relaxed wrap-anywhere text-slate-800 ${className}`}>
      {parseLessonText(text).map((block, i) => {
        if (block.kind === "heading") {
          const Heading = block.level === 1 ? (`h${headingLevel}` as const) : (`h${headingLevel + 1}` as "h3" | "h4");
          return (
            <Heading
              key={i}
              className={block.level === 1 ? "pt-3 text-lg font-semibold text-slate-950" : "pt-1 text-base font-semibold text-slate-950"}
            >
              {block.text}
            </Heading>
          );
        }
        if (block.kind === "paragraph") {
          return (
            <p key={i}>
              <Runs runs={block.content} />
            </p>
          );
        }
        const List = block.ordered ? "ol" : "ul";
        return (
          <List key={i} className={`space-y-1.5 pl-6 ${block.ordered ? "list-decimal" : "list-disc"}`}>
            {block.items.map((item, j) => (
              <li key={j}>
                <Runs runs={item} />
              </li>
            ))}
          </List>
        );
      })}
    </div>
  );
}
