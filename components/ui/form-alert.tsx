/** A whole-form message (not tied to one field). Keeps its space so the form does not jump. */
export function FormAlert({ message, id }: { message?: string | null; id?: string }) {
  return (
    <div id={id} aria-live="assertive" className="min-h-6">
      {message && (
        <p data-testid="form-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
          {message}
        </p>
      )}
    </div>
  );
}
