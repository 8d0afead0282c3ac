"use client";

import { useState, type ComponentProps } from "react";
import { buttonClass, type ButtonVariant } from "./button-class";

type Props = ComponentProps<"button"> & { variant?: ButtonVariant; pending?: boolean };

/**
 * The props that keep a button in the keyboard's hands when it is disabled while focused (a "Next"
 * at the last card, a submit that is now done, a timer's Pause when time is up): disabling the
 * focused element sends the focus to the top of the page, and a keyboard or screen reader user
 * would have to find their way back from there. Such a button is `aria-disabled` (its presses
 * refused by the caller) until the focus leaves it, and `disabled` from then on.
 */
export function useFocusSafeDisabled(disabled: boolean) {
  const [focused, setFocused] = useState(false);
  return {
    disabled: disabled && !focused,
    "aria-disabled": disabled || undefined,
    onFocus: () => setFocused(true),
    onBlur: () => setFocused(false),
  };
}

/**
 * A button that never drops the keyboard's focus to the page. While `pending`, it refuses presses
 * but keeps its place in the Tab order: it is `aria-disabled`, not `disabled`. A `disabled` one
 * keeps the focus it has (useFocusSafeDisabled).
 */
export function Button({
  variant = "primary",
  pending = false,
  className = "",
  children,
  disabled = false,
  type = "button",
  onClick,
  onFocus,
  onBlur,
  ...rest
}: Props) {
  const safe = useFocusSafeDisabled(disabled);
  const refused = pending || disabled;
  return (
    <button
      type={type}
      className={buttonClass(variant, className)}
      disabled={safe.disabled}
      aria-disabled={refused || undefined}
      aria-busy={pending || undefined}
      // Cancelling the click also stops the form it would submit (Enter in a field clicks it too).
      onClick={(event) => (refused ? event.preventDefault() : onClick?.(event))}
      onFocus={(event) => {
        safe.onFocus();
        onFocus?.(event);
      }}
      onBlur={(event) => {
        safe.onBlur();
        onBlur?.(event);
      }}
      {...rest}
    >
      {pending && <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent" />}
      {children}
    </button>
  );
}
