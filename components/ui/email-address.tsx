/**
 * An email address that wraps where a reader expects: before its @ and before a dot (`<wbr>`), and
 * mid-word only when one part alone is wider than the line. (With `break-all`, a table at 1280 px
 * squeezed its email column and cut addresses anywhere: "ada.lovel|ace@scho|ol.org".)
 *
 * In a table column the longest part sets the column's narrowest width, so the table gives it room;
 * `squeeze` lets the space shrink below that (a phone's row, which must never scroll sideways).
 */
export function EmailAddress({ address, className = "", squeeze = false }: { address: string; className?: string; squeeze?: boolean }) {
  const parts = address.split(/(?=[@.])/);
  return (
    <span className={`${squeeze ? "wrap-anywhere" : "wrap-break-word"} ${className}`}>
      {/* Text and <wbr> only: a span for each part made some screen readers read an address in pieces. */}
      {parts.flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]))}
    </span>
  );
}
