"use client";

import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { useReady } from "@/components/ui/use-ready";

/**
 * A form's submit button, for forms the page's script sends (`onSubmit`). Until the page has
 * hydrated there is no script to send them, and the browser would submit the form itself: a GET
 * that put every field in the address, the password of the sign-in form included, where the
 * browser's history and any proxy's log keep it. Disabled until then, it cannot be pressed, and
 * Enter in a field does nothing either (a form whose default button is disabled is not submitted).
 * Such forms also say `method="post"` (the ESLint rule in eslint.config.mjs asks every form for a
 * method), so that no field could reach an address even without this button.
 */
export function SubmitButton({ disabled, ...props }: Omit<ComponentProps<typeof Button>, "type">) {
  const ready = useReady();
  return <Button {...props} type="submit" disabled={disabled || !ready} />;
}
