"use client";

import { useRef } from "react";
import {
  useFieldArray,
  useWatch,
  type Control,
  type FieldError,
  type FieldErrorsImpl,
  type Merge,
  type UseFormRegister,
} from "react-hook-form";
import type { z } from "zod";
import { updateDatasetAction } from "@/app/sections/[sectionId]/assignments/actions";
import { firstError } from "@/components/forms/first-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { DEFAULT_DATASET } from "@/lib/lesson/default-lesson";
import { LESSON_LIMITS, type Dataset } from "@/lib/lesson/types";
import { updateDatasetSchema } from "@/lib/validations/assignments";
import { newId } from "@/lib/new-id";
import { iconButtonClass, RemoveIcon } from "./remove-icon";
import { SaveBar } from "./save-bar";
import { REPLACE_UNSAVED } from "./texts-editor";
import { ScriptedForm } from "@/components/forms/scripted-form";

type Values = z.input<typeof updateDatasetSchema>;
type Column = Values["dataset"]["columns"][number];
type Row = Values["dataset"]["rows"][number];
type Props = { sectionId: string; assignmentId: string; version: string; dataset: Dataset };

const cellClass = (invalid: boolean, extra = "") =>
  `block rounded px-2 py-1.5 text-sm text-slate-900 ring-1 ring-inset focus:ring-2 focus:outline-none ${
    invalid ? "ring-red-500 focus:ring-red-600" : "ring-slate-200 focus:ring-indigo-600"
  } ${extra}`;

// The remove-customer buttons stay in reach at the right edge however wide the table gets.
const EDGE = "sticky right-0 shadow-[-1px_0_0_var(--color-slate-200)]";

const withoutKey = (values: Record<string, string>, key: string) => Object.fromEntries(Object.entries(values).filter(([k]) => k !== key));

/**
 * The customer table students work from, edited in place. Nothing is sent until "Save table", and
 * the whole table is checked with the lesson's dataset schema first.
 */
export function DatasetEditor({ sectionId, assignmentId, version, dataset }: Props) {
  const { form, onSubmit, pending, formError, errors, markSaved } = useActionForm({
    schema: updateDatasetSchema,
    action: updateDatasetAction,
    defaultValues: { sectionId, assignmentId, base: version, dataset },
    mode: "onSubmit",
    onSuccess: (saved, sent) => {
      // What was sent is saved now, and its version is the one a next save is based on; anything
      // typed since it went stays unsaved.
      markSaved(sent, { base: saved.version ?? "" });
      toast.success("Table saved.");
    },
  });
  const { control, register, getValues } = form;
  const columnList = useFieldArray({ control, name: "dataset.columns" });
  const rowList = useFieldArray({ control, name: "dataset.rows" });
  const watchedColumns = useWatch({ control, name: "dataset.columns" });
  // `fields` decides what renders, so a new column's input exists when react-hook-form focuses it.
  // `fields` swaps each item's `id` for its own key, so the column's id is read from the form values,
  // and its name from the watch, which follows typing.
  const columns: Column[] = columnList.fields.map((_, index) => ({
    id: getValues(`dataset.columns.${index}.id`),
    name: watchedColumns[index]?.name ?? "",
  }));
  const nameColumnId = useWatch({ control, name: "dataset.nameColumnId" });
  // Scrolling sideways to a focused cell counts the columns stuck to the table's edges as off screen, so
  // the cell lands beside them, not under them: the remove buttons (3rem) and, when it comes first, the
  // name column (7rem on a phone, 13rem from sm up: see ColumnHeader).
  const scrollPadding = `scroll-pe-12 ${columns[0]?.id === nameColumnId ? "scroll-ps-28 sm:scroll-ps-52" : ""}`;
  const regionRef = useRef<HTMLDivElement>(null);
  const dirty = form.formState.isDirty;

  function addCustomer() {
    const values = Object.fromEntries(columns.map((column) => [column.id, ""]));
    rowList.append({ id: newId("row"), values }, { focusName: `dataset.rows.${rowList.fields.length}.values.${nameColumnId}` });
  }

  function addColumn() {
    const id = newId("col");
    columnList.append({ id, name: "" }, { focusName: `dataset.columns.${columns.length}.name` });
    rowList.replace(getValues("dataset.rows").map((row) => ({ ...row, values: { ...row.values, [id]: "" } })));
  }

  // The removed button takes focus with it; the table region is the nearest sensible place to land.
  function removeColumn(index: number, id: string) {
    columnList.remove(index);
    rowList.replace(getValues("dataset.rows").map((row) => ({ ...row, values: withoutKey(row.values, id) })));
    regionRef.current?.focus();
  }

  function removeCustomer(index: number) {
    rowList.remove(index);
    regionRef.current?.focus();
  }

  function resetToDefault() {
    if (dirty && !window.confirm(REPLACE_UNSAVED)) return;
    // Keeps the saved table as the baseline, so the reset shows as unsaved and "Discard changes" undoes it.
    // Only the table changes: the form's other values (the version it is based on) stay.
    form.reset({ ...form.getValues(), dataset: structuredClone(DEFAULT_DATASET) }, { keepDefaultValues: true });
    toast.info("The coffee-shop table is back. Save the table to keep it.");
  }

  return (
    <ScriptedForm onSubmit={onSubmit} aria-labelledby="dataset-heading" data-testid="dataset-editor">
      <h3 id="dataset-heading" className="text-base font-semibold">
        Customer table
      </h3>
      <p className="mt-1 text-sm text-slate-600">
        Students choose datapoints from these columns and use the column names as placeholders in their copy. Renaming or removing a column
        can break copy students have already written.
      </p>
      <div className="mt-3">
        <FormAlert message={formError ?? firstError(errors.dataset)} />
      </div>
      <div
        ref={regionRef}
        role="region"
        aria-label="Customer table editor"
        tabIndex={-1}
        className={`mt-2 -mx-5 overflow-x-auto sm:mx-0 sm:rounded-md sm:ring-1 sm:ring-slate-200 ${scrollPadding}`}
      >
        <table className="min-w-full text-left text-sm">
          <thead className="bg-slate-50">
            <tr>
              {columns.map((column, index) => (
                <ColumnHeader
                  key={column.id}
                  column={column}
                  index={index}
                  isName={column.id === nameColumnId}
                  invalid={Boolean(errors.dataset?.columns?.[index]?.name)}
                  canRemove={columns.length > 2}
                  register={register}
                  onRemove={() => removeColumn(index, column.id)}
                />
              ))}
              <th scope="col" className={`${EDGE} bg-slate-50 px-2 py-2`}>
                <span className="sr-only">Remove customer</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rowList.fields.map((field, index) => (
              <CustomerRow
                key={field.id}
                index={index}
                columns={columns}
                nameColumnId={nameColumnId}
                control={control}
                register={register}
                errors={errors.dataset?.rows?.[index]}
                canRemove={rowList.fields.length > 1}
                onRemove={() => removeCustomer(index)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={addCustomer} disabled={rowList.fields.length >= LESSON_LIMITS.rows}>
          Add customer
        </Button>
        <Button variant="secondary" onClick={addColumn} disabled={columns.length >= LESSON_LIMITS.columns}>
          Add column
        </Button>
        <p className="text-xs text-slate-600" data-testid="dataset-size">
          {rowList.fields.length} of {LESSON_LIMITS.rows} customers · {columns.length} of {LESSON_LIMITS.columns} columns
        </p>
      </div>
      <SaveBar dirty={dirty} pending={pending} saveLabel="Save table" onDiscard={() => form.reset()}>
        <Button variant="ghost" onClick={resetToDefault}>
          Reset to the coffee-shop table
        </Button>
      </SaveBar>
    </ScriptedForm>
  );
}

type HeaderProps = {
  column: Column;
  index: number;
  isName: boolean;
  invalid: boolean;
  canRemove: boolean;
  register: UseFormRegister<Values>;
  onRemove: () => void;
};

function ColumnHeader({ column, index, isName, invalid, canRemove, register, onRemove }: HeaderProps) {
  // The name column stays in view while the teacher scrolls sideways through the others. On a 360 px
  // phone it leaves room for one whole other column beside the remove buttons: the name column is 7rem
  // wide there (6rem and padding), the others 10rem, with their remove button under their name.
  const sticky = isName && index === 0 ? "sticky left-0 z-10 bg-slate-50" : "";
  return (
    <th scope="col" className={`px-2 py-2 align-top font-semibold ${sticky}`}>
      <div className="flex flex-col items-start gap-1 sm:flex-row sm:items-center">
        <input
          aria-label={`Column ${index + 1} name`}
          aria-invalid={invalid || undefined}
          maxLength={LESSON_LIMITS.columnName}
          className={cellClass(invalid, `${isName ? "w-24" : "w-36"} bg-white font-semibold sm:w-48`)}
          {...register(`dataset.columns.${index}.name`)}
        />
        {!isName && (
          <button
            type="button"
            className={iconButtonClass}
            disabled={!canRemove}
            onClick={onRemove}
            aria-label={`Remove column ${column.name.trim() || index + 1}`}
          >
            <RemoveIcon />
          </button>
        )}
      </div>
      {isName && <span className="mt-1 block text-xs font-normal text-slate-500">Customer names</span>}
    </th>
  );
}

type RowProps = {
  index: number;
  columns: Column[];
  nameColumnId: string;
  control: Control<Values>;
  register: UseFormRegister<Values>;
  errors: Merge<FieldError, FieldErrorsImpl<Row>> | undefined;
  canRemove: boolean;
  onRemove: () => void;
};

function CustomerRow({ index, columns, nameColumnId, control, register, errors, canRemove, onRemove }: RowProps) {
  const name = useWatch({ control, name: `dataset.rows.${index}.values.${nameColumnId}` });
  const who = name?.trim() || `Customer ${index + 1}`;
  return (
    <tr>
      {columns.map((column, columnIndex) => {
        const isName = column.id === nameColumnId;
        const invalid = Boolean(errors?.values?.[column.id]);
        const input = (
          <input
            aria-label={
              isName
                ? `Customer ${index + 1} — ${column.name.trim() || "Name"}`
                : `${who} — ${column.name.trim() || `Column ${columnIndex + 1}`}`
            }
            aria-invalid={invalid || undefined}
            maxLength={LESSON_LIMITS.cell}
            className={cellClass(invalid, `w-full ${isName ? "min-w-24 font-medium" : "min-w-36"}`)}
            {...register(`dataset.rows.${index}.values.${column.id}`)}
          />
        );
        return isName ? (
          <th key={column.id} scope="row" className={`px-2 py-1.5 ${columnIndex === 0 ? "sticky left-0 z-10 bg-white" : ""}`}>
            {input}
          </th>
        ) : (
          <td key={column.id} className="px-2 py-1.5">
            {input}
          </td>
        );
      })}
      <td className={`${EDGE} bg-white px-2 py-1.5`}>
        <button type="button" className={iconButtonClass} disabled={!canRemove} onClick={onRemove} aria-label={`Remove customer ${who}`}>
          <RemoveIcon />
        </button>
      </td>
    </tr>
  );
}
