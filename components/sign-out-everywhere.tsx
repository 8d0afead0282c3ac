"use client";

import { signOutEverywhereAction } from "@/app/account/actions";
import { useRunAction } from "@/components/forms/run-action";
import { leaveThisBrowser } from "@/components/workspace/local-drafts";
import { Button } from "./ui/button";

/** Ends every session of the account, this browser's too: its waiting changes go as at Sign out (SignOutButton). */
export function SignOutEverywhere({ userId }: { userId: string }) {
  const { pending, run } = useRunAction();
  const signOutEverywhere = () => {
    const leaving = leaveThisBrowser(userId); // asks first about anything unsaved
    if (!leaving) return;
    void run(signOutEverywhereAction, undefined).then((signedOut) => signedOut || leaving.undo());
  };
  return (
    <Button variant="danger" className="mt-4" pending={pending} onClick={signOutEverywhere}>
      Sign out on all devices
    </Button>
  );
}
