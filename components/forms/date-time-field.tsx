"use client";

import { useRef, useSyncExternalStore } from "react";
import { Controller, type Control, type FieldPathByValue, type FieldValues } from "react-hook-form";
import { FieldFrame } from "@/components/ui/field";

const noSubscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => null;

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * An ISO instant as the `YYYY-MM-DDTHH:mm` a datetime-local input shows, in the browser's zone. The
 * year has at least four digits: while one is typed digit by digit the input holds year 2, then 20,
 * and "2-12-16T23:59", which the input refuses, would empty every part of it.
 */
function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const year = String(date.getFullYear()).padStart(4, "0");
  return `${year}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (no zone: the browser reads it as local time) as an ISO instant. */
function fromLocalInput(local: string): string {
  if (!local) return "";
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

type Props<T extends FieldValues, Parsed extends FieldValues> = {
  /** The form's, whatever its schema turns the values into (a zod transform makes the date a Date). */
  control: Control<T, unknown, Parsed>;
  name: FieldPathByValue<T, string | null | undefined>;
  label: string;
  hint?: string;
  /** For dates that may be left empty: the accessible name of a Clear button ("Clear close date"). */
  clearLabel?: string;
  /** The input's id, for code that moves the focus to it. */
  id?: string;
  /** Shown but not to be changed (the value will be replaced as the form saves): no Clear either. */
  readOnly?: boolean;
};

/**
 * Date and time in the teacher's own time zone; the form holds an ISO instant, so the server never
 * has to guess the zone. The server renders it empty (it cannot know the zone) and the browser fills
 * it in after hydration.
 */
export function DateTimeField<T extends FieldValues, Parsed extends FieldValues = T>({
  control,
  name,
  label,
  hint,
  clearLabel,
  id,
  readOnly = false,
}: Props<T, Parsed>) {
  const zone = useSyncExternalStore(noSubscribe, browserZone, serverZone);
  // Clear goes with the value it clears: the focus goes to the field, not to the page.
  const input = useRef<HTMLInputElement | null>(null);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <FieldFrame id={id} label={label} hint={hint} note={zone ? `Time zone: ${zone}` : undefined} error={fieldState.error?.message}>
          {(controlProps) => (
            <div className="flex items-center gap-2">
              <input
                {...controlProps}
                type="datetime-local"
                // A year of four digits at most: typed digit by digit, the year then hands on to the hours
                // (without it Chrome keeps taking digits into the year, which no date can hold).
                max="9999-12-31T23:59"
                name={field.name}
                ref={(element) => {
                  field.ref(element);
                  input.current = element;
                }}
                value={zone ? toLocalInput(field.value) : ""}
                onChange={(event) => field.onChange(fromLocalInput(event.target.value))}
                onBlur={field.onBlur}
                disabled={field.disabled}
                readOnly={readOnly}
                className={`${controlProps.className} min-w-0 flex-1 read-only:bg-slate-100 read-only:text-slate-600`}
              />
              {clearLabel && field.value && !readOnly && (
                <button
                  type="button"
                  className="mt-1 shrink-0 rounded-md px-2 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
                  aria-label={clearLabel}
                  onClick={() => {
                    field.onChange("");
                    input.current?.focus();
                  }}
                >
                  Clear
                </button>
              )}
            </div>
          )}
        </FieldFrame>
      )}
    />
  );
}
