"use client";

import { signOutAction } from "@/app/account/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "./ui/button";

export function SignOutButton() {
  const { pending, run } = useRunAction();
  return (
    <Button variant="secondary" pending={pending} onClick={() => run(signOutAction, undefined)}>
      Sign out
    </Button>
  );
}
