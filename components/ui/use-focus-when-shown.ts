import { useCallback, useEffect, useRef } from "react";

/** How long a wanted focus waits for its element: longer than a refresh takes, short of surprising anyone. */
const WAIT_MS = 5_000;

/**
 * Moves the focus to an element as soon as it is on the page. An action that takes away the focused
 * control (Remove, Return, the Undo of a toast) leaves the focus on the page's body, and a keyboard or
 * screen reader user starts again from the top; the element to go on from often comes only with the
 * next render or the refreshed page. Until it does, the focus stays where it is; after a few seconds
 * (the action failed, the element never came) the wish is dropped.
 */
export function useFocusWhenShown() {
  const wanted = useRef<{ id: string; until: number } | null>(null);
  const attempt = useCallback(() => {
    const target = wanted.current;
    if (!target) return;
    if (Date.now() > target.until) {
      wanted.current = null;
      return;
    }
    const element = document.getElementById(target.id);
    if (!element) return;
    wanted.current = null;
    element.focus();
  }, []);
  // After every render: the element may have just arrived.
  useEffect(attempt);
  return useCallback(
    (id: string) => {
      wanted.current = { id, until: Date.now() + WAIT_MS };
      requestAnimationFrame(attempt);
    },
    [attempt],
  );
}
