"use client";

import { useRouter } from "next/navigation";
import { joinSectionAction } from "@/app/join/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";

export function JoinButton({ code, sectionName }: { code: string; sectionName: string }) {
  const router = useRouter();
  const { pending, run } = useRunAction();
  return (
    <Button
      className="w-full"
      pending={pending}
      onClick={() =>
        run(joinSectionAction, { code }, () => {
          toast.success(`You joined ${sectionName}.`);
          router.push("/classes");
        })
      }
    >
      Join {sectionName}
    </Button>
  );
}
