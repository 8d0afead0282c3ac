import type { KeyboardEvent } from "react";

const NEXT = new Set(["ArrowRight", "ArrowDown"]);
const PREVIOUS = new Set(["ArrowLeft", "ArrowUp"]);

/**
 * The arrow keys of a radio group (on its `onKeyDown`): focus moves to the next or previous radio
 * of the group, round the ends. Choosing stays with Space or Enter, as clicking does, because a
 * choice here saves at once. The key is marked handled, so page-wide shortcuts leave it alone.
 */
export function moveAmongRadios(event: KeyboardEvent<HTMLElement>) {
  const step = NEXT.has(event.key) ? 1 : PREVIOUS.has(event.key) ? -1 : 0;
  if (step === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
  const radios = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="radio"]')];
  const at = radios.indexOf(document.activeElement as HTMLElement);
  if (at === -1) return;
  event.preventDefault();
  radios[(at + step + radios.length) % radios.length]!.focus();
}
