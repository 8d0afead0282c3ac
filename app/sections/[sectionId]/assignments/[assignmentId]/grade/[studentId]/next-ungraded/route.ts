import "../../../../../../../../lib/zod-jitless";
import { z } from "zod";
import { findNextNeedingGrading } from "@/db/queries/queue";
import { route } from "@/lib/server/action";
import { gradeSearch, queueSearch, ungradedView } from "@/lib/grading-queue";
import { idSchema } from "@/lib/validations/common";
import { gradingViewSchema } from "@/lib/validations/grading";

export const dynamic = "force-dynamic";

// The query carries the list's view the teacher is grading in and the student's place in it: the search follows its order.
const nextUngradedSchema = z.object({ sectionId: idSchema, assignmentId: idSchema, studentId: idSchema }).and(gradingViewSchema);

/**
 * "Next ungraded" from one student's grading view: finds the next student whose work needs grading
 * only when the teacher asks (the search may read far through the class, so the view itself doesn't
 * run it) and sends the browser there, in the order of the list's view the teacher came from
 * (`ungradedView`); when nobody else's work needs grading, to the Students list filtered to "Needs
 * grading", which then says that nobody matches.
 */
export const GET = route("teacher", nextUngradedSchema, async (input, user) => {
  const base = `/sections/${input.sectionId}/assignments/${input.assignmentId}`;
  const { sectionId, assignmentId, studentId, at, ...view } = input;
  const next = await findNextNeedingGrading(user, sectionId, assignmentId, studentId, view, at);
  // A relative Location: the browser resolves it against this address, whatever host it used.
  return new Response(null, {
    status: 303,
    headers: {
      Location: next
        ? `${base}/grade/${next.studentId}${gradeSearch(ungradedView(view), next.at)}`
        : `${base}${queueSearch({ ...view, filter: "needs" })}`,
      "Cache-Control": "no-store",
    },
  });
});
