"use client";

import { useRouter } from "next/navigation";
import { useOptimistic, useTransition } from "react";
import { Switch } from "./switch";

/**
 * Shows or hides student names by reloading the page with or without `?names=1`: the server
 * decides, so hidden names are never sent to the browser at all.
 */
export function NamesSwitch({ shown, showHref, hideHref, large }: { shown: boolean; showHref: string; hideHref: string; large?: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [checked, setChecked] = useOptimistic(shown);
  return (
    <Switch
      label="Show names"
      checked={checked}
      pending={pending}
      large={large}
      onChange={(next) =>
        startTransition(() => {
          setChecked(next);
          router.replace(next ? showHref : hideHref, { scroll: false });
        })
      }
    />
  );
}
