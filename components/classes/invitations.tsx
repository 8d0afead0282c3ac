"use client";

import { useRouter } from "next/navigation";
import { answerInvitationAction } from "@/app/classes/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { toast } from "@/components/ui/toast";

export type InvitationView = { invitationId: string; sectionName: string; term: string | null; teacherName: string };

/** Classes a teacher invited the student to: nothing changes until the student says yes. */
export function Invitations({ invitations }: { invitations: InvitationView[] }) {
  const { pending, run } = useRunAction();
  const router = useRouter();
  if (invitations.length === 0) return null;

  const answer = (invitation: InvitationView, accept: boolean) =>
    run(answerInvitationAction, { invitationId: invitation.invitationId, accept }, () => {
      toast.success(accept ? `You joined ${invitation.sectionName}.` : `Invitation to ${invitation.sectionName} declined.`);
      router.refresh();
    });

  return (
    <section aria-labelledby="invitations-heading" className="mb-6">
      <h2 id="invitations-heading" className="mb-2 text-base font-semibold">
        Invitations
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2" data-testid="invitation-list">
        {invitations.map((invitation) => (
          <li key={invitation.invitationId}>
            <Card className="ring-indigo-200">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="font-semibold wrap-anywhere">{invitation.sectionName}</h3>
                {invitation.term && <Badge>{invitation.term}</Badge>}
              </div>
              <p className="mt-1 text-sm text-slate-600">
                {invitation.teacherName} invited you to this class. You join only if you accept.
              </p>
              <div className="mt-3 flex flex-wrap gap-2">
                <Button disabled={pending} onClick={() => answer(invitation, true)} aria-label={`Join ${invitation.sectionName}`}>
                  Join class
                </Button>
                <ConfirmButton
                  label="Decline"
                  ariaLabel={`Decline the invitation to ${invitation.sectionName}`}
                  variant="secondary"
                  disabled={pending}
                  pending={pending}
                  question={`Decline the invitation to ${invitation.sectionName}? ${invitation.teacherName} will see that you declined. To join later, you would need the class's join code.`}
                  confirmLabel="Decline invitation"
                  onConfirm={() => answer(invitation, false)}
                />
              </div>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
