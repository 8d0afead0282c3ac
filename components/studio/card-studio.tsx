"use client";

import { useId, useMemo, useRef, useState } from "react";
import { toast } from "@/components/ui/toast";
import { addCardsAction } from "@/app/assignments/[assignmentId]/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import type { WorkImage } from "@/lib/workspace";
import type { LessonContent } from "@/lib/lesson/types";
import {
  CARD_BACKGROUNDS,
  CARD_FORMATS,
  CARD_HEADLINE_TYPED_MAX,
  CARD_LAYOUTS,
  CARD_SIZE_LIMITS,
  CARD_SIZE_STEP,
  CARD_THEMES,
  DEFAULT_CARD,
  firstName,
  type CardSettings,
} from "@/lib/studio/card";
import { checkCopy, printedAsTypedMessage } from "@/lib/placeholders";
import { cardCustomers, cardText } from "@/lib/studio/card-text";
import { checkCards, layoutCards, mergeCardIssues, textColorChoice, unreadableCardsMessage } from "@/lib/studio/layout";
import { cardHeadlineSchema, type Draft } from "@/lib/validations/workspace";
import { useWidth } from "@/components/ui/use-width";
import { USE_CARDS_ID } from "@/components/workspace/step-props";
import { CardPreview } from "./card-preview";

export type CardStudioProps = {
  assignmentId: string;
  draft: Draft;
  update: (change: (draft: Draft) => Draft) => void;
  content: LessonContent;
  readOnly: boolean;
  /** Saves the draft now: the server draws the card as saved. */
  flush: () => Promise<boolean>;
  roomForImages: number;
  onAdded: (images: WorkImage[]) => void;
  /** Cards are being drawn: kept by the workspace, so that it outlives this step (and this component). */
  drawing: boolean;
  onDrawing: (drawing: boolean) => void;
};

/**
 * The Year in Review studio: the student designs one card and sees it filled in for every customer,
 * checked for phone readability, then turns it into graphics for their design.
 */
export function CardStudio(props: CardStudioProps) {
  const { assignmentId, draft, update, content, readOnly, flush, roomForImages, onAdded, drawing, onDrawing } = props;
  const settings = draft.card ?? DEFAULT_CARD;
  const customers = useMemo(() => cardCustomers(content), [content]);
  const [index, setIndex] = useState(0);
  const current = customers[Math.min(index, customers.length - 1)]!;
  // null until the student ticks or unticks a customer: then the one in the preview is meant.
  const [chosen, setChosen] = useState<string[] | null>(null);
  // How many pictures the last "Use these cards" added: said in place of "Choose at least one
  // customer", which right after a success read like something had gone wrong.
  const [added, setAdded] = useState<number | null>(null);
  const { run } = useRunAction();
  const ids = useId();

  const set = (patch: Partial<CardSettings>) => update((d) => ({ ...d, card: { ...(d.card ?? DEFAULT_CARD), ...patch } }));
  const headlineError = cardHeadlineSchema.safeParse(settings.headline).error?.issues[0]?.message;
  // Placeholders that match no column would be printed on every card as they are (the copy step says the same of the copy).
  const unknownPlaceholders = checkCopy(settings.headline, content.dataset, content.aliases, []).unknown;
  const headlineInvalid = Boolean(headlineError) || unknownPlaceholders.length > 0;
  // The copy is on the cards too: what the Copy step flags would be printed on every card as typed.
  const copyCheck = checkCopy(draft.copy, content.dataset, content.aliases, []);
  const copyInvalid = copyCheck.unknown.length > 0;
  const copyIssues = [
    ...(copyInvalid ? [printedAsTypedMessage("Your copy", copyCheck.unknown)] : []),
    ...(copyCheck.strayBracket
      ? ["Your copy has a [ or ] that isn't part of a placeholder: every card would print it. Check it in the Copywriting step."]
      : []),
  ];

  const perCustomer = useMemo(
    () =>
      customers.map((customer) => {
        const text = cardText(settings, draft, content, customer.id);
        const cards = layoutCards(settings, text);
        return { customer, cards, issues: checkCards(settings, cards, firstName(customer.name), text) };
      }),
    [customers, settings, draft, content],
  );
  const shown = perCustomer[customers.indexOf(current)]!;
  const issues = mergeCardIssues(perCustomer.flatMap((p) => p.issues));
  const selected = chosen ?? [current.id];
  // The cards show the datapoints chosen in Ideas: without any, they would be the headline alone.
  const noDatapoints = draft.picks.length === 0;
  const cardsNeeded = selected.length * shown.cards.length;
  const unreadable = perCustomer.filter((p) => selected.includes(p.customer.id)).flatMap((p) => p.issues)[0];

  // One card takes up to 270 px, two (a vertical design's) 180 px each and scroll sideways; never wider
  // than the box, which is 232 px on a 320 px phone.
  const previewBox = useRef<HTMLDivElement>(null);
  const previewSection = useRef<HTMLElement>(null);
  const boxWidth = useWidth(previewBox);
  const previewWidth = Math.min(shown.cards.length > 1 ? 180 : 270, boxWidth ?? Infinity);

  const flip = (step: number) => setIndex((i) => (i + step + customers.length) % customers.length);

  // Set at the first click, before the draft is saved: a second click before `drawing` has
  // re-rendered the button would draw the cards a second time.
  const busy = useRef(false);
  async function addCards() {
    if (busy.current || drawing) return;
    busy.current = true;
    onDrawing(true);
    try {
      // The studio's first design, used as it is, is saved as the card: the cards drawn from it are a
      // studio campaign like any other (the teacher's preview, the Class Recap).
      if (!draft.card) update((d) => (d.card ? d : { ...d, card: DEFAULT_CARD }));
      if (!(await flush())) {
        toast.error("Your card isn't saved yet, so it can't be used. Check the save status above and try again.");
        return;
      }
      await run(addCardsAction, { assignmentId, customerIds: selected }, (images) => {
        onAdded(images);
        setChosen([]); // nothing ticked: more cards are a new choice, not the same ones again by a second tap
        setAdded(images.length);
        toast.success(images.length === 1 ? "Your card was added to your design." : `${images.length} cards were added to your design.`);
      });
    } finally {
      busy.current = false;
      onDrawing(false);
    }
  }

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]" data-testid="card-studio">
      {/* The controls, and the small copy of the card that follows them on a phone (outside the
          fieldset: a read-only studio still goes to its preview). */}
      <div className="grid min-w-0 content-start gap-5">
        <fieldset disabled={readOnly} className="grid min-w-0 content-start gap-5">
          <legend className="sr-only">Card settings</legend>
          <Choice
            legend="Format"
            name={`${ids}-format`}
            value={settings.format}
            options={Object.entries(CARD_FORMATS).map(([id, f]) => ({ id, label: f.label, hint: f.hint }))}
            onChange={(format) => set({ format: format as CardSettings["format"] })}
          />
          <Choice
            legend="Layout"
            name={`${ids}-layout`}
            value={settings.layout}
            options={Object.entries(CARD_LAYOUTS).map(([id, l]) => ({ id, label: l.label, hint: l.hint }))}
            onChange={(layout) => set({ layout: layout as CardSettings["layout"] })}
          />
          <Choice
            legend="Background"
            name={`${ids}-background`}
            value={settings.background}
            options={Object.entries(CARD_BACKGROUNDS).map(([id, b]) => ({ id, label: b.label }))}
            onChange={(background) => set({ background: background as CardSettings["background"] })}
            inline
          />
          <Choice
            legend="Colours"
            name={`${ids}-theme`}
            value={settings.theme}
            options={Object.entries(CARD_THEMES).map(([id, t]) => ({ id, label: t.label, swatch: t.background[0] }))}
            onChange={(theme) => set({ theme: theme as CardSettings["theme"] })}
            inline
          />
          <Choice
            legend="Text colour"
            name={`${ids}-text`}
            value={String(settings.textColor)}
            options={CARD_THEMES[settings.theme].text.map((color, i) => ({
              id: String(i),
              ...textColorChoice(settings.theme, i),
              swatch: color,
            }))}
            onChange={(i) => set({ textColor: Number(i) })}
            inline
          />
          <div>
            <label htmlFor={`${ids}-headline`} className="block text-sm font-medium text-slate-900">
              Headline
            </label>
            <p id={`${ids}-headline-hint`} className="text-xs text-slate-600">
              Placeholders work here too, like [Name].
            </p>
            <input
              id={`${ids}-headline`}
              value={settings.headline}
              maxLength={CARD_HEADLINE_TYPED_MAX}
              onChange={(e) => set({ headline: e.target.value })}
              aria-invalid={headlineInvalid ? true : undefined}
              aria-describedby={`${ids}-headline-hint${headlineInvalid ? ` ${ids}-headline-error` : ""}`}
              className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-base sm:text-sm"
            />
            {headlineInvalid && (
              <ul id={`${ids}-headline-error`} className="mt-1 space-y-1 text-sm text-red-700" data-testid="headline-issues">
                {headlineError && <li>{headlineError}</li>}
                {unknownPlaceholders.map((u) => (
                  <li key={u.start}>
                    <span aria-hidden>✕ </span>
                    <strong>{u.raw}</strong> isn&apos;t a column of the table, so it would be printed on the card as it is. Check the
                    spelling.
                  </li>
                ))}
              </ul>
            )}
          </div>
          <Slider
            id={`${ids}-headline-size`}
            label="Headline size"
            value={settings.headlineSize}
            limits={CARD_SIZE_LIMITS.headline}
            onChange={(headlineSize) => set({ headlineSize })}
          />
          <Slider
            id={`${ids}-body-size`}
            label="Text size"
            value={settings.bodySize}
            limits={CARD_SIZE_LIMITS.body}
            onChange={(bodySize) => set({ bodySize })}
          />
        </fieldset>
        {/* On a phone the preview comes after all of these: a small copy of the card stays in sight at
            the bottom of the screen while they scroll by, so every tap shows what it changed, and a
            tap on it goes to the preview. What Tab reaches scrolls clear of it (app/globals.css). */}
        <div className="sticky bottom-3 z-10 justify-self-end lg:hidden" data-studio-mini>
          <button
            type="button"
            onClick={() => previewSection.current?.focus()}
            aria-label={`Go to the preview of ${firstName(current.name)}'s card`}
            data-testid="studio-mini"
            className="block rounded-lg shadow-lg ring-2 ring-white focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <CardPreview settings={settings} card={shown.cards[0]!} width={64} label="" decorative />
          </button>
        </div>
      </div>

      <div className="flex min-w-0 flex-col gap-5">
        <section ref={previewSection} tabIndex={-1} aria-labelledby={`${ids}-preview`} className="outline-none">
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="secondary" onClick={() => flip(-1)} aria-label="Previous customer">
              ←
            </Button>
            <h3 id={`${ids}-preview`} className="min-w-0 flex-1 text-center font-semibold sm:min-w-40 sm:flex-none" aria-live="polite">
              {firstName(current.name)}&apos;s card
            </h3>
            <Button variant="secondary" onClick={() => flip(1)} aria-label="Next customer">
              →
            </Button>
            <span className="text-sm text-slate-600">
              {customers.indexOf(current) + 1} of {customers.length}
            </span>
          </div>
          <div ref={previewBox} className="mt-3 flex gap-3 overflow-x-auto pb-2" data-testid="studio-preview">
            {shown.cards.map((card, n) => (
              <CardPreview
                key={n}
                settings={settings}
                card={card}
                width={previewWidth}
                label={
                  shown.cards.length > 1
                    ? `${firstName(current.name)}'s card ${n + 1} of ${shown.cards.length}`
                    : `${firstName(current.name)}'s card`
                }
              />
            ))}
          </div>
        </section>

        <section aria-labelledby={`${ids}-checks`} className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <h3 id={`${ids}-checks`} className="text-sm font-semibold">
            Readable on a phone?
          </h3>
          <div role="status" data-testid="card-checks">
            {issues.length === 0 && copyIssues.length === 0 ? (
              <p className="mt-1 text-sm text-green-800">Yes, for all {customers.length} customers.</p>
            ) : (
              <ul className="mt-1 list-disc pl-5 text-sm text-amber-900">
                {[...copyIssues, ...issues.map((issue) => issue.message)].map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
          </div>
        </section>

        <section aria-labelledby={`${ids}-all`}>
          <h3 id={`${ids}-all`} className="font-semibold">
            Every customer
          </h3>
          <p className="text-sm text-slate-600">One design, filled in with each customer&apos;s own data: personalization at scale.</p>
          {/* p-1: room for the focus ring and the chosen ring, which the scrolling box would cut off. */}
          <ul className="mt-2 flex gap-3 overflow-x-auto p-1 pb-2" data-testid="card-grid">
            {perCustomer.map(({ customer, cards }) => (
              <li key={customer.id}>
                <button
                  type="button"
                  onClick={() => setIndex(customers.indexOf(customer))}
                  // Chromium leaves a card Tab reaches half outside the scrolling row; scroll-mx-1 keeps its ring in.
                  onFocus={(event) => event.currentTarget.scrollIntoView({ block: "nearest", inline: "nearest" })}
                  aria-pressed={customer.id === current.id}
                  aria-label={`Show ${firstName(customer.name)}'s card`}
                  className="scroll-mx-1 rounded-lg p-1 focus-visible:outline-2 focus-visible:outline-indigo-600 aria-pressed:ring-2 aria-pressed:ring-indigo-600"
                >
                  <CardPreview settings={settings} card={cards[0]!} width={110} label={`${firstName(customer.name)}'s card`} decorative />
                  <span className="mt-1 block text-center text-xs font-medium">{firstName(customer.name)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>

        {!readOnly && (
          <section aria-labelledby={`${ids}-use`} className="rounded-md p-3 ring-1 ring-slate-200">
            <h3 id={`${ids}-use`} className="font-semibold">
              Use these cards
            </h3>
            <p className="text-sm text-slate-600">
              The server draws the chosen customers&apos; cards as pictures and adds them to your design, where your teacher sees them.
            </p>
            <fieldset className="mt-2 min-w-0">
              <legend className="text-sm font-medium">Customers</legend>
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {customers.map((customer) => (
                  <label key={customer.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={selected.includes(customer.id)}
                      onChange={(e) => {
                        setAdded(null);
                        setChosen(
                          e.target.checked
                            ? customers.filter((c) => c.id === customer.id || selected.includes(c.id)).map((c) => c.id)
                            : selected.filter((id) => id !== customer.id),
                        );
                      }}
                    />
                    {firstName(customer.name)}
                  </label>
                ))}
              </div>
            </fieldset>
            <p id={`${ids}-needed`} className="mt-2 text-sm text-slate-700" data-testid="cards-needed">
              {noDatapoints
                ? "Choose your datapoints in the Ideation step first: the cards show them."
                : selected.length === 0
                  ? added !== null
                    ? `Added ${added} ${added === 1 ? "picture" : "pictures"} to your design${
                        roomForImages > 0
                          ? ` (room for ${roomForImages} more). Tick customers to draw more.`
                          : ", which is now full. Delete a graphic there to draw more."
                      }`
                    : "Choose at least one customer."
                  : `${cardsNeeded} ${cardsNeeded === 1 ? "picture" : "pictures"}; your design has room for ${roomForImages} more.${
                      cardsNeeded > roomForImages ? " Untick a customer, or delete a graphic from your design." : ""
                    }`}
              {headlineInvalid && " Fix the headline first."}
              {copyInvalid && !headlineInvalid && " Fix the copy's placeholders first (in the Copywriting step)."}
            </p>
            {unreadable && !noDatapoints && !headlineInvalid && (
              <p id={`${ids}-unreadable`} className="mt-1 text-sm text-amber-900" data-testid="cards-unreadable">
                {unreadableCardsMessage(unreadable)}
              </p>
            )}
            <Button
              id={USE_CARDS_ID}
              className="mt-2"
              onClick={addCards}
              // Says, to a screen reader too, what the cards need and why the button may wait.
              aria-describedby={`${ids}-needed${unreadable && !noDatapoints && !headlineInvalid ? ` ${ids}-unreadable` : ""}`}
              disabled={
                drawing ||
                noDatapoints ||
                headlineInvalid ||
                copyInvalid ||
                Boolean(unreadable) ||
                selected.length === 0 ||
                cardsNeeded > roomForImages
              }
            >
              {drawing ? "Drawing…" : "Use these cards"}
            </Button>
          </section>
        )}
      </div>
    </div>
  );
}

function Choice({
  legend,
  name,
  value,
  options,
  onChange,
  inline,
}: {
  legend: string;
  name: string;
  value: string;
  options: { id: string; label: string; hint?: string; swatch?: string }[];
  onChange: (id: string) => void;
  inline?: boolean;
}) {
  return (
    <fieldset className="min-w-0">
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <div className={`mt-1 ${inline ? "flex flex-wrap gap-2" : "grid gap-1"}`}>
        {options.map((option) => (
          <label
            key={option.id}
            className="flex cursor-pointer items-start gap-2 rounded-md px-2 py-1 text-sm ring-1 ring-slate-200 has-checked:bg-indigo-50 has-checked:ring-indigo-500"
          >
            <input
              type="radio"
              name={name}
              value={option.id}
              checked={value === option.id}
              onChange={() => onChange(option.id)}
              className="mt-1"
            />
            {option.swatch && <Swatch color={option.swatch} />}
            <span>
              {option.label}
              {option.hint && <span className="block text-xs text-slate-600">{option.hint}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A colour sample, as an SVG attribute: the Content-Security-Policy refuses style attributes in the server's HTML. */
function Swatch({ color }: { color: string }) {
  return (
    <svg aria-hidden width="16" height="16" className="mt-0.5 shrink-0 rounded-sm ring-1 ring-slate-400">
      <rect width="16" height="16" fill={color} />
    </svg>
  );
}

function Slider({
  id,
  label,
  value,
  limits,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  limits: { min: number; max: number };
  onChange: (value: number) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="flex justify-between text-sm font-medium text-slate-900">
        {label} <output htmlFor={id}>{value}</output>
      </label>
      <input
        id={id}
        type="range"
        min={limits.min}
        max={limits.max}
        step={CARD_SIZE_STEP}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        className="w-full accent-indigo-600"
      />
    </div>
  );
}
