"use client";

import { useRouter } from "next/navigation";
import { joinSectionAction } from "@/app/join/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";
import { joinedMessage } from "./joined";

export function JoinButton({ code, sectionName }: { code: string; sectionName: string }) {
  const router = useRouter();
  const { pending, run } = useRunAction();
  const ready = useReady();
  return (
    <Button
      className="w-full"
      data-ready={ready || undefined}
      pending={pending}
      onClick={() =>
        run(joinSectionAction, { code }, (joined) => {
          // Joined already in another tab since this page loaded: said so, as the code form says it.
          toast.success(joinedMessage(joined));
          router.push("/classes");
        })
      }
    >
      Join {sectionName}
    </Button>
  );
}
