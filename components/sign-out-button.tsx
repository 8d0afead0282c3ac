"use client";

import { signOutAction } from "@/app/account/actions";
import { useRunAction } from "@/components/forms/run-action";
import { useReady } from "@/components/ui/use-ready";
import { Button } from "./ui/button";

// The wrapper (lib/server/action.ts) reads a posted form as a plain object, which the action's schema
// (no input) accepts; React's types only know that a form hands its action a FormData.
const signOutByForm = signOutAction as unknown as (form: FormData) => Promise<void>;

/**
 * Sign out works before the page's script has run. On a shared school computer with a slow
 * connection, a student who clicks it and walks away must not leave the next person signed in as
 * them: until hydration the form is the server action's own (React renders it as a POST to this
 * page, which Next.js answers by running the action and redirecting to sign-in). Once hydrated, the
 * click runs the same action from the page, and a failure shows as a toast rather than an error page.
 */
export function SignOutButton() {
  const ready = useReady();
  const { pending, run } = useRunAction();
  return (
    <form action={ready ? () => void run(signOutAction, undefined) : signOutByForm} className="contents">
      <Button type="submit" variant="secondary" pending={pending}>
        Sign out
      </Button>
    </form>
  );
}
