import { recordSectionExport } from "@/db/queries/access-log";
import { exportAssignment } from "@/db/queries/export";
import { route } from "@/lib/server/action";
import { csvResponse } from "@/lib/csv";
import { isPastDue } from "@/lib/assignment-window";
import { layoutFor } from "@/lib/gradebook";
import { assignmentExportSchema } from "@/lib/validations/export";

export const dynamic = "force-dynamic";

/** One assignment's grades as CSV, streamed: detailed (default), Canvas import, or simple. */
export const GET = route("teacher", assignmentExportSchema, async (input, user) => {
  const { assignment, section, rows } = await exportAssignment(user, input.sectionId, input.assignmentId);
  const layout = layoutFor(input.format, {
    title: assignment.title,
    sectionName: section.name,
    rubric: assignment.rubric,
    comments: input.comments,
    pastDue: isPastDue(assignment, new Date()),
    returnedOnly: input.returned,
  });
  async function* cells() {
    yield* layout.preamble.slice(1);
    for await (const row of rows) yield layout.toRow(row);
  }
  const kind = [input.format === "detailed" ? null : input.format, input.returned ? "returned only" : null].filter(Boolean).join(", ");
  const suffix = kind ? `grades (${kind})` : "grades";
  const name = `${section.name} - ${assignment.title} - ${suffix}`;
  await recordSectionExport(user, "export_grades", input.sectionId, input.assignmentId, `${name}.csv`);
  return csvResponse(name, layout.preamble[0]!, cells(), { bom: input.bom });
});
