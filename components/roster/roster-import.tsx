"use client";

import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type ChangeEvent } from "react";
import { importRosterAction, previewRosterAction } from "@/app/sections/[sectionId]/roster/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { Badge } from "@/components/ui/card";
import { FieldFrame } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useReady } from "@/components/ui/use-ready";
import type { ActionResult } from "@/lib/server/action";
import { failureMessage, firstFieldError, unexpectedFailureMessage } from "@/lib/action-result";
import { plural } from "@/lib/text";
import { rosterImportSchema, type RosterMapping } from "@/lib/validations/roster";
import { SignInSlips } from "./sign-in-slips";
import { SubmitButton } from "@/components/forms/submit-button";
import { ScriptedForm } from "@/components/forms/scripted-form";
import { UntilReady } from "@/components/ui/until-ready";
import { EmailAddress } from "@/components/ui/email-address";

type Data<A extends (...args: never[]) => Promise<ActionResult<unknown>>> = Extract<Awaited<ReturnType<A>>, { ok: true }>["data"];
type Preview = Data<typeof previewRosterAction>;
type Outcome = Preview["rows"][number]["outcome"];
type ImportResult = Data<typeof importRosterAction>;

const MAX_FILE_BYTES = 1_000_000;

const OUTCOMES: Record<Outcome, { label: string; tone: "green" | "indigo" | "slate" | "red" }> = {
  create: { label: "New account", tone: "green" },
  enroll: { label: "Account you created: will be enrolled", tone: "indigo" },
  invite: { label: "Has an account: will be invited", tone: "indigo" },
  invited: { label: "Already invited", tone: "slate" },
  declined: { label: "Declined an invitation: skipped", tone: "slate" },
  restore: { label: "Removed earlier: will be restored", tone: "indigo" },
  enrolled: { label: "Already enrolled", tone: "slate" },
  error: { label: "Problem: skipped", tone: "red" },
};

type Props = {
  sectionId: string;
  sectionName: string;
  /** The section's assignments already past due: students added now show as Missing there at once. */
  pastDue: { id: string; title: string }[];
};

/**
 * Three steps: paste or upload → preview (with the column mapping, row by row) → done (slips).
 * Nothing is written before "Import"; then the server checks every row again and writes them all
 * in one transaction. One root for all three, so it carries data-ready whichever step is showing.
 */
export function RosterImport(props: Props) {
  const ready = useReady();
  return (
    <div data-ready={ready || undefined}>
      <ImportSteps {...props} />
    </div>
  );
}

function ImportSteps({ sectionId, sectionName, pastDue }: Props) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const { form, onSubmit, pending, formError, errors } = useActionForm({
    schema: rosterImportSchema,
    action: previewRosterAction,
    defaultValues: { sectionId, text: "" },
    onSuccess: setPreview,
  });
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  // "Edit the list" takes its own button away with the preview: the focus goes to the list it edits.
  const backToList = useRef(false);
  useEffect(() => {
    if (preview || !backToList.current) return;
    backToList.current = false;
    form.setFocus("text");
  }, [preview, form]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ""; // choosing the same file again still reads it
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError("That file is larger than 1 MB. A class list is usually a few kilobytes: is it the right file?");
      return;
    }
    form.setValue("text", await file.text(), { shouldValidate: true, shouldDirty: true });
    await onSubmit();
  }

  if (result) return <ImportDone sectionId={sectionId} sectionName={sectionName} pastDue={pastDue} result={result} />;
  if (preview) {
    return (
      <PreviewStep
        sectionId={sectionId}
        text={form.getValues("text")}
        preview={preview}
        onPreview={setPreview}
        onBack={() => {
          backToList.current = true;
          setPreview(null);
        }}
        onImported={setResult}
      />
    );
  }

  return (
    <ScriptedForm onSubmit={onSubmit} className="space-y-4" aria-describedby="roster-input-error">
      <FormAlert id="roster-input-error" message={formError} />
      {/* The list in a typewriter font (its columns line up), the label and hint in the page's. */}
      <FieldFrame
        label="Paste your class list"
        hint="One student per line with a name and an email address. Copy the columns straight from a spreadsheet, or paste a CSV export from your school system; a header row is optional. Names may be one column or separate first and last name columns."
        error={errors.text?.message}
      >
        {(control) => (
          <textarea
            {...control}
            className={`${control.className} font-mono`}
            rows={10}
            spellCheck={false}
            placeholder={"Name, Email\nAda Okafor, ada.okafor@school.org\nLi Wei, li.wei@school.org"}
            {...form.register("text")}
          />
        )}
      </FieldFrame>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>Preview import</SubmitButton>
        <span className="text-sm text-slate-600">or</span>
        {/* A file chosen before the page runs would be dropped: the picker waits for it. */}
        <UntilReady>
          <input
            ref={fileInput}
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
            className="sr-only"
            // The button beside it opens it: one Tab stop, not a second invisible one, and one button
            // for a screen reader, not a second one in browse mode.
            tabIndex={-1}
            aria-hidden
            aria-label="Roster file"
            id="roster-file"
            onChange={onFile}
          />
        </UntilReady>
        <Button variant="secondary" onClick={() => fileInput.current?.click()} aria-describedby="roster-file-error">
          Choose a CSV file…
        </Button>
      </div>
      <p id="roster-file-error" aria-live="polite" className="min-h-5 text-sm text-red-700">
        {fileError}
      </p>
    </ScriptedForm>
  );
}

type PreviewProps = {
  sectionId: string;
  text: string;
  preview: Preview;
  onPreview: (preview: Preview) => void;
  onBack: () => void;
  onImported: (result: ImportResult) => void;
};

function PreviewStep({ sectionId, text, preview, onPreview, onBack, onImported }: PreviewProps) {
  const [mapping, setMapping] = useState<RosterMapping>(preview.mapping);
  const [mappingError, setMappingError] = useState<string | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const [importing, startImport] = useTransition();
  const [problemsOnly, setProblemsOnly] = useState(false);
  // The form's Preview button is gone: the focus starts on what the import will do, read out first.
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => summary.current?.focus(), []);

  const count = (outcome: Outcome) => preview.rows.filter((r) => r.outcome === outcome).length;
  const creating = count("create");
  const adding = creating + count("enroll") + count("restore");
  const inviting = count("invite");
  const problems = count("error");
  const shown = problemsOnly ? preview.rows.filter((r) => r.outcome === "error") : preview.rows;

  function remap(change: Partial<RosterMapping>) {
    const next = { ...mapping, ...change };
    setMapping(next);
    setMappingError(null);
    startRefresh(async () => {
      let answer: ActionResult<Preview>;
      try {
        answer = await previewRosterAction({ sectionId, text, mapping: next });
      } catch (error) {
        // No answer (offline) or a server bug: say so here, not on the error page. The list and this
        // preview stay, and the columns go back to the ones this preview was read with.
        unstable_rethrow(error);
        setMapping(mapping);
        setMappingError(unexpectedFailureMessage(error));
        return;
      }
      if (answer.ok) onPreview(answer.data);
      else setMappingError(firstFieldError(answer) ?? failureMessage(answer, "That didn't work. Try again."));
    });
  }

  function confirm() {
    setImportError(null);
    startImport(async () => {
      let answer: ActionResult<ImportResult>;
      try {
        answer = await importRosterAction({ sectionId, text, mapping });
      } catch (error) {
        // The import may or may not have reached the server before the answer was lost: the roster says.
        unstable_rethrow(error);
        setImportError(
          `${unexpectedFailureMessage(error)} The import may have gone through anyway: check the section's roster before importing again.`,
        );
        return;
      }
      if (answer.ok) onImported(answer.data);
      // A refused column names its own reason; the form-wide "Some fields need your attention." points at nothing here.
      else setImportError(firstFieldError(answer) ?? failureMessage(answer, "The import didn't go through. Nothing was changed."));
    });
  }

  const columnSelect = (label: string, value: number | null, onChange: (value: number | null) => void, optional = false) => (
    <FieldFrame label={label}>
      {(control) => (
        <select
          {...control}
          value={value ?? ""}
          disabled={refreshing || importing}
          onChange={(e) => onChange(e.target.value === "" ? null : Number(e.target.value))}
        >
          {optional && <option value="">(none)</option>}
          {preview.columns.map((title, index) => (
            <option key={index} value={index}>
              {title}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
  const splitNames = mapping.name === null;

  return (
    <div className="space-y-6">
      <fieldset className="rounded-md p-4 ring-1 ring-slate-200" aria-describedby="mapping-error">
        <legend className="px-1 text-sm font-semibold">Columns</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={mapping.hasHeader}
            disabled={refreshing || importing}
            onChange={(e) => remap({ hasHeader: e.target.checked })}
            className="size-4"
          />
          The first row holds column titles (don&apos;t import it)
        </label>
        {/* Two to a row: a column's name and its first values fit beside each other, split names included. */}
        <div className="mt-4 grid gap-x-4 sm:grid-cols-2">
          {columnSelect("Email", mapping.email, (email) => email !== null && remap({ email }))}
          <FieldFrame label="Names are in">
            {(control) => (
              <select
                {...control}
                value={splitNames ? "split" : "one"}
                disabled={refreshing || importing}
                onChange={(e) =>
                  e.target.value === "one"
                    ? remap({ name: mapping.first ?? mapping.last ?? nextFree(mapping, preview.columns.length), first: null, last: null })
                    : remap({ name: null, first: mapping.name, last: null })
                }
              >
                <option value="one">One column</option>
                <option value="split">First and last name columns</option>
              </select>
            )}
          </FieldFrame>
          {splitNames ? (
            <div className="contents">
              {columnSelect("First name", mapping.first, (first) => remap({ first }), true)}
              {columnSelect("Last name", mapping.last, (last) => remap({ last }), true)}
            </div>
          ) : (
            columnSelect("Full name", mapping.name, (name) => name !== null && remap({ name }))
          )}
        </div>
        <p id="mapping-error" aria-live="polite" className="min-h-5 text-sm text-red-700">
          {mappingError}
        </p>
      </fieldset>

      <div
        ref={summary}
        tabIndex={-1}
        aria-live="polite"
        aria-busy={refreshing}
        data-testid="import-summary"
        className="rounded-md bg-slate-50 focus:outline-2 focus:outline-indigo-600 px-4 py-3 text-sm ring-1 ring-inset ring-slate-200"
      >
        <p className="font-medium text-slate-900">
          {adding === 0 ? "Nobody will be added." : `${plural(adding, "student")} will be added to this section.`}
          {inviting > 0 && ` ${plural(inviting, "invitation")} will be sent.`}
        </p>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-slate-700">
          <li>{plural(creating, "new account")}</li>
          <li>{plural(count("enroll") + count("restore"), "existing account")}</li>
          <li>{plural(inviting, "invitation")}</li>
          <li>{count("enrolled") + count("invited")} already enrolled or invited</li>
          <li className={problems ? "font-semibold text-red-800" : ""}>{plural(problems, "row")} with problems</li>
        </ul>
      </div>

      <div>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-base font-semibold">
            Rows <span className="font-normal text-slate-500">({preview.rows.length})</span>
          </h2>
          {problems > 0 && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} className="size-4" />
              Show only rows with problems
            </label>
          )}
        </div>
        <div className="mt-2 -mx-5 overflow-x-auto sm:mx-0">
          <table className="w-full text-left text-sm" aria-label="What the import will do">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-2 py-2 font-medium">
                  Line
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  Email
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  What happens
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.map((row) => (
                <tr key={row.line} data-outcome={row.outcome}>
                  <td className="px-2 py-2 text-slate-500 tabular-nums">{row.line}</td>
                  <td className="px-2 py-2 wrap-anywhere">
                    {row.name || <span className="text-slate-500 italic">(none)</span>}
                    {row.accountName && <span className="block text-xs text-slate-600">Account name: {row.accountName}</span>}
                  </td>
                  <td className="px-2 py-2">
                    {/* A cell that isn't an address (a whole line, read wrong) may break anywhere, so the outcome column stays in view. */}
                    {row.email ? (
                      <EmailAddress address={row.email} squeeze={Boolean(row.problem)} />
                    ) : (
                      <span className="text-slate-500 italic">(none)</span>
                    )}
                  </td>
                  <td className="px-2 py-2">
                    <Badge tone={OUTCOMES[row.outcome].tone}>{OUTCOMES[row.outcome].label}</Badge>
                    {row.problem && <span className="mt-1 block text-xs text-red-800">{row.problem}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <FormAlert message={importError} />
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={confirm} pending={importing} disabled={refreshing || adding + inviting === 0}>
          {importing && creating > 0
            ? `Creating ${plural(creating, "account")}…`
            : adding === 0
              ? `Send ${plural(inviting, "invitation")}`
              : `Import ${plural(adding, "student")}${inviting ? ` and invite ${inviting}` : ""}`}
        </Button>
        <Button variant="secondary" onClick={onBack} disabled={importing}>
          Edit the list
        </Button>
        {problems > 0 && adding + inviting > 0 && (
          <p className="text-sm text-slate-600">Rows with problems are skipped; fix them and import again later.</p>
        )}
      </div>
      {inviting > 0 && (
        <p className="text-sm text-slate-600">
          Students who already have an account are never added without their say: they see an invitation on their “My classes” page and join
          when they accept it. Until then your roster lists them as invited.
        </p>
      )}
    </div>
  );
}

/** The first column not already used for the address, for switching back to a single name column. */
function nextFree(mapping: RosterMapping, width: number): number {
  for (let c = 0; c < width; c++) if (c !== mapping.email) return c;
  return 0;
}

function ImportDone({ sectionId, sectionName, pastDue, result }: Props & { result: ImportResult }) {
  const existing = result.enrolled + result.restored;
  const added = result.created.length + existing;
  // The Import button is gone with the preview: the focus goes to what was done, then the slips.
  const done = useRef<HTMLDivElement>(null);
  useEffect(() => done.current?.focus(), []);
  return (
    <div className="space-y-6">
      <div
        ref={done}
        tabIndex={-1}
        role="status"
        data-testid="import-result"
        className="rounded-md bg-green-50 focus:outline-2 focus:outline-green-700 px-4 py-3 text-sm text-green-950 ring-1 ring-inset ring-green-200"
      >
        <p className="font-semibold">Import finished.</p>
        <ul className="mt-1 list-disc pl-5">
          <li>{plural(result.created.length, "new account")} created and enrolled</li>
          {existing > 0 && <li>{plural(existing, "existing account")} enrolled (they sign in with their own password)</li>}
          {result.invited > 0 && (
            <li>{plural(result.invited, "invitation")} sent: those students join when they accept it on their “My classes” page</li>
          )}
          {result.alreadyEnrolled > 0 && <li>{result.alreadyEnrolled} already enrolled or invited, unchanged</li>}
          {result.skipped > 0 && <li>{plural(result.skipped, "row")} with problems skipped</li>}
        </ul>
      </div>
      {/* Joining after the due date, a student's work is Missing at once: the teacher hears it here, with where to act. */}
      {added > 0 && pastDue.length > 0 && (
        <div
          className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-200 ring-inset"
          data-testid="import-past-due"
        >
          <p>
            {pastDue.length === 1 ? "This assignment is" : "These assignments are"} already past due, so the students just added show as
            Missing there until you give them more time or excuse them (on its Students list):
          </p>
          <ul className="mt-1 list-disc pl-5">
            {pastDue.map((a) => (
              <li key={a.id}>
                <Link href={`/sections/${sectionId}/assignments/${a.id}`} className="text-indigo-700 underline">
                  {a.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.created.length > 0 && <SignInSlips sectionName={sectionName} slips={result.created} />}
      <Link href={`/sections/${sectionId}`} className={buttonClass("secondary")}>
        Back to the section
      </Link>
    </div>
  );
}
