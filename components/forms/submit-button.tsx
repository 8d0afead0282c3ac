"use client";

import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { useReady } from "@/components/ui/use-ready";

/**
 * A ScriptedForm's submit button (./scripted-form.tsx). Until the page has hydrated there is no
 * script to send the form, and the browser would submit it itself: a GET that put every field in
 * the address, the sign-in form's password included, where the browser's history and any proxy's
 * log keep it. Disabled until then, it cannot be pressed, and in Chromium and Firefox Enter in a
 * field does nothing either (a form whose default button is disabled is not submitted). Safari still
 * submits a form with a single text field on Enter: as the form's method is POST, that reloads the
 * page and puts nothing in the address.
 */
export function SubmitButton({ disabled, ...props }: Omit<ComponentProps<typeof Button>, "type">) {
  const ready = useReady();
  return <Button {...props} type="submit" disabled={disabled || !ready} />;
}
