import "../../../../../../../../lib/zod-jitless";
import { z } from "zod";
import { findNextNeedingGrading } from "@/db/queries/queue";
import { route } from "@/lib/server/action";
import { queueSearch } from "@/lib/grading-queue";
import { idSchema } from "@/lib/validations/common";

export const dynamic = "force-dynamic";

const nextUngradedSchema = z.object({ sectionId: idSchema, assignmentId: idSchema, studentId: idSchema });

/**
 * "Next ungraded" from one student's grading view: finds the next student whose work needs grading
 * only when the teacher asks (the search may read far through the class, so the view itself doesn't
 * run it) and sends the browser there; when nobody else's work needs grading, to the Students list
 * filtered to "Needs grading", which then says that nobody matches.
 */
export const GET = route("teacher", nextUngradedSchema, async (input, user) => {
  const base = `/sections/${input.sectionId}/assignments/${input.assignmentId}`;
  const next = await findNextNeedingGrading(user, input.sectionId, input.assignmentId, input.studentId);
  // A relative Location: the browser resolves it against this address, whatever host it used.
  return new Response(null, {
    status: 303,
    headers: { Location: next ? `${base}/grade/${next}` : `${base}${queueSearch({ filter: "needs" })}`, "Cache-Control": "no-store" },
  });
});
