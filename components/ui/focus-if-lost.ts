/**
 * Gives the focus to the element `id`, unless something other than the page has it: after a move
 * that took away the control the keyboard was on (the last page's "Next page", a student's "Next"),
 * a screen reader says where the reader is now, and Tab goes on from there instead of from the top.
 */
export function focusIfLost(id: string) {
  if (document.activeElement === document.body) document.getElementById(id)?.focus();
}
