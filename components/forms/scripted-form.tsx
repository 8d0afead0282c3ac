"use client";

import type { ComponentProps } from "react";
import { useReady } from "@/components/ui/use-ready";

/**
 * A form the page's script sends (its `onSubmit` validates with the form's zod schema and calls the
 * server action). It says `method="post"`, so that a submission the browser made itself could never
 * put a field in the address; with SubmitButton (./submit-button.tsx), none is made before the
 * page has hydrated. `noValidate`: the schema's messages, beside their fields, replace the browser's
 * bubbles. It carries `data-ready` once hydrated (components/ui/use-ready.ts).
 */
export function ScriptedForm({
  onEscape,
  ...props
}: Omit<ComponentProps<"form">, "method" | "action" | "noValidate"> & {
  /** A form that opened in place of something (Rename): Esc closes it, as Cancel does. */
  onEscape?: () => void;
}) {
  const ready = useReady();
  return (
    <form
      {...props}
      method="post"
      noValidate
      data-ready={ready || undefined}
      onKeyDown={(event) => {
        props.onKeyDown?.(event);
        if (onEscape && event.key === "Escape" && !event.defaultPrevented) {
          event.preventDefault();
          onEscape();
        }
      }}
    />
  );
}
