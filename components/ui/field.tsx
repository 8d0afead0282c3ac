import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";

/** The look of every text control, red when it carries an error. */
export const controlClass = (invalid: boolean, extra = "") =>
  `block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:outline-none sm:text-sm ${
    invalid ? "ring-red-500 focus:ring-red-600" : "ring-slate-300 focus:ring-indigo-600"
  } ${extra}`;

type ControlProps = { id: string; "aria-invalid": true | undefined; "aria-describedby": string; className: string };

type FrameProps = {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  /** Shown beside the label and read as part of the description (a unit, a time zone). */
  note?: ReactNode;
  id?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

/**
 * Label, hint and error line around one control, wired with ids. The error line always takes its
 * space, so an error appearing never shifts the layout.
 */
export function FieldFrame({ label, error, hint, note, id, className = "", children }: FrameProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const noteId = `${inputId}-note`;
  const describedBy = [note ? noteId : null, hint ? hintId : null, errorId].filter(Boolean).join(" ");
  const labelElement = (
    <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
      {label}
    </label>
  );
  return (
    <div className={className}>
      {note ? (
        <div className="flex flex-wrap items-baseline justify-between gap-x-3">
          {labelElement}
          <span id={noteId} className="text-xs text-slate-500">
            {note}
          </span>
        </div>
      ) : (
        labelElement
      )}
      {children({
        id: inputId,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
        className: controlClass(Boolean(error), "mt-1"),
      })}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      <p id={errorId} aria-live="polite" className="mt-1 min-h-5 text-sm text-red-700">
        {error}
      </p>
    </div>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; error?: string; hint?: ReactNode };

/** A labelled input whose error sits right under it, announced to screen readers. */
export function Field({ label, error, hint, id, className = "", ...input }: FieldProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint} id={id} className={className}>
      {(control) => <input {...control} {...input} />}
    </FieldFrame>
  );
}

type TextareaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: ReactNode; error?: string; hint?: ReactNode };

export function TextareaField({ label, error, hint, id, className = "", ...textarea }: TextareaFieldProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint} id={id} className={className}>
      {(control) => <textarea {...control} {...textarea} />}
    </FieldFrame>
  );
}
