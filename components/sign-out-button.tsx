"use client";

import { signOutAction } from "@/app/account/actions";
import { useRunAction } from "@/components/forms/run-action";
import { useReady } from "@/components/ui/use-ready";
import { leaveThisBrowser } from "@/components/workspace/local-drafts";
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
 *
 * Once hydrated, it also removes the student's changes that are still waiting in this browser for
 * the server (localStorage: offline, or saved less than a second ago), so the next person at the
 * computer cannot read them; if there are any, it asks first, since they are lost. An editor on the
 * page with unsaved changes (assignment setup, a grade that could not be saved) asks first too.
 */
export function SignOutButton({ userId }: { userId: string }) {
  const ready = useReady();
  const { pending, run } = useRunAction();
  const signOut = () => {
    const leaving = leaveThisBrowser(userId); // asks first about anything unsaved
    if (!leaving) return;
    // On success the page leaves (a redirect, so this never resolves); on failure it stays.
    void run(signOutAction, undefined).then((signedOut) => signedOut || leaving.undo());
  };
  return (
    <form action={ready ? signOut : signOutByForm} className="contents">
      <Button type="submit" variant="secondary" pending={pending}>
        Sign out
      </Button>
    </form>
  );
}
