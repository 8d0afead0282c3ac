"use client";

import { signOutEverywhereAction } from "@/app/account/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "./ui/button";

export function SignOutEverywhere() {
  const { pending, run } = useRunAction();
  return (
    <Button variant="danger" className="mt-4" pending={pending} onClick={() => run(signOutEverywhereAction, undefined)}>
      Sign out on all devices
    </Button>
  );
}
