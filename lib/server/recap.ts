import "server-only";
import { getAssignmentAnalytics, getRecapCampaign } from "@/db/queries/analytics";
import { getDiscussion } from "@/db/queries/discussion";
import type { SessionUser } from "@/db/queries/accounts";
import { classRecap, recapFigures } from "@/lib/studio/recap";

/**
 * One assignment's Class Recap, for the teacher who owns it: the class analytics, from the
 * discussion board the first starred answer (names are never read: the board is asked for none),
 * and one studio campaign (lib/studio/recap.ts withCampaign).
 */
export async function loadClassRecap(actor: SessionUser, sectionId: string, assignmentId: string) {
  const input = await getAssignmentAnalytics(actor, sectionId, assignmentId);
  const discussion = await getDiscussion(actor, sectionId, assignmentId, { showNames: false });
  const starred =
    discussion.questions.flatMap((q) => q.answers.filter((a) => a.starred).map((a) => ({ question: q.prompt, answer: a.text })))[0] ?? null;
  const campaign = await getRecapCampaign(actor, sectionId, assignmentId);
  return { assignment: input.assignment, slides: classRecap(input.assignment.title, recapFigures(input, new Date()), starred), campaign };
}
