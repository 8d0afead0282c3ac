"use client";

import { unstable_rethrow } from "next/navigation";
import { useTransition } from "react";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/server/action";
import { failureMessage, unexpectedFailureMessage } from "@/lib/action-result";

/**
 * For one-click actions (archive, regenerate, remove): runs the action in a transition and
 * reports the outcome as a toast. Returns whether it succeeded.
 */
export function useRunAction() {
  const [pending, startTransition] = useTransition();
  function run<I, T>(action: (input: I) => Promise<ActionResult<T>>, input: I, onSuccess?: (data: T) => void) {
    return new Promise<boolean>((resolve) =>
      startTransition(async () => {
        let result: ActionResult<T> | undefined;
        try {
          result = await action(input);
        } catch (error) {
          // A redirect is not a failure; a server bug or no connection is, and the page stays as it was.
          unstable_rethrow(error);
          toast.error(unexpectedFailureMessage(error));
          resolve(false);
          return;
        }
        if (result?.ok) {
          onSuccess?.(result.data);
          resolve(true);
        } else {
          toast.error(failureMessage(result ?? {}, "That didn't work. Try again."));
          resolve(false);
        }
      }),
    );
  }
  return { pending, run };
}
