import "server-only";
import { recordWorkView } from "@/db/queries/access-log";
import { getAssignmentAnalytics, getRecapCampaign } from "@/db/queries/analytics";
import { answerAuthor, getDiscussion } from "@/db/queries/discussion";
import type { SessionUser } from "@/db/queries/accounts";
import { CAMPAIGN_SLIDE, classRecap, DATAPOINT_SLIDE, recapFigures, STARRED_SLIDE } from "@/lib/studio/recap";
import { recordViewAfter } from "./page";

/**
 * One assignment's Class Recap, for the teacher who owns it: the class analytics, from the
 * discussion board the first starred answer (names are never read: the board is asked for none),
 * and one studio campaign (lib/studio/recap.ts withCampaign). The campaign and the starred answer are
 * each one student's work: `recordShown` puts that work in the access log as opened (once per 10
 * minutes, as the grading view records it: after the answer has gone), for the slides actually shown.
 */
export async function loadClassRecap(actor: SessionUser, sectionId: string, assignmentId: string) {
  const input = await getAssignmentAnalytics(actor, sectionId, assignmentId);
  const discussion = await getDiscussion(actor, sectionId, assignmentId, { showNames: false });
  const starred =
    discussion.questions.flatMap((q) =>
      q.answers.filter((a) => a.starred).map((a) => ({ question: q.prompt, answer: a.text, submissionId: a.submissionId })),
    )[0] ?? null;
  const shown = await getRecapCampaign(actor, sectionId, assignmentId);
  const figures = recapFigures(input, new Date());
  const slides = classRecap(input.assignment.title, figures, starred);
  /** Logs the work behind the slides shown (by id: the page shows them all, a PNG one). */
  const recordShown = async (slideIds: readonly string[]) => {
    // Whose the starred answer is, is read only for the log.
    if (starred && slideIds.includes(STARRED_SLIDE))
      await recordViewAfter("a work view", async () =>
        recordWorkView(actor, sectionId, assignmentId, await answerAuthor(actor, sectionId, assignmentId, starred.submissionId)),
      );
    if (shown && slideIds.includes(CAMPAIGN_SLIDE))
      await recordViewAfter("a work view", () => recordWorkView(actor, sectionId, assignmentId, shown.studentId));
    // One hand-in: the datapoint card is that student's own picks.
    const [sole, ...others] = input.handedInBy;
    if (sole && others.length === 0 && slideIds.includes(DATAPOINT_SLIDE))
      await recordViewAfter("a work view", () => recordWorkView(actor, sectionId, assignmentId, sole));
  };
  const pick = shown ? { kind: shown.pick, chosenSubmissionId: shown.chosenSubmissionId } : null;
  return { assignment: input.assignment, slides, campaign: shown?.campaign ?? null, pick, graded: figures.graded, recordShown };
}
