"use client";

import { useRouter } from "next/navigation";
import { decideApprovalAction } from "@/app/admin/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";
import { ConfirmButton } from "@/components/ui/confirm-button";

/** Approve or refuse a teacher who signed up under TEACHER_SIGNUP=approval (refusing asks first). */
export function ApprovalButtons({ userId, name, refused }: { userId: string; name: string; refused: boolean }) {
  const ready = useReady();
  const router = useRouter();
  const { pending, run } = useRunAction();
  const decide = async (decision: "approved" | "refused") => {
    const done = await run(decideApprovalAction, { userId, decision, from: refused ? "refused" : "pending" }, () => {
      toast.success(decision === "approved" ? `${name} is approved as a teacher.` : `${name}'s teacher account is refused.`);
    });
    // Done, or refused because another administrator decided first: either way the page shows the
    // account as it is now.
    router.refresh();
    return done;
  };
  return (
    <div className="flex flex-wrap items-start gap-2" data-ready={ready || undefined}>
      <Button pending={pending} onClick={() => decide("approved")} aria-label={`Approve ${name}`}>
        Approve
      </Button>
      {!refused && (
        <ConfirmButton
          label="Refuse"
          confirmLabel={`Refuse ${name}`}
          question={
            <>
              Refuse <strong>{name}</strong>&apos;s teacher account? They will see that it was not approved. You can still approve it later.
            </>
          }
          pending={pending}
          onConfirm={() => decide("refused")}
        />
      )}
    </div>
  );
}
