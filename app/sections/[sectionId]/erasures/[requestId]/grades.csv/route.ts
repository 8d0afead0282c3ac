import { recordSectionExport } from "@/db/queries/access-log";
import { exportStudentBeforeErasure } from "@/db/queries/export";
import { route } from "@/lib/server/action";
import { csvResponse } from "@/lib/csv";
import { studentRecordLayout } from "@/lib/gradebook";
import { erasureExportSchema } from "@/lib/validations/export";

export const dynamic = "force-dynamic";

/**
 * The erasure notice's download: one student's work in the section on every assignment, with every
 * score, comment and feedback, whether they are on the roster or were removed from it. Only the
 * section's teacher, and only while the student's erasure is scheduled; anything else is 404.
 */
export const GET = route("teacher", erasureExportSchema, async (input, user) => {
  const { section, assignments, student, studentId, work } = await exportStudentBeforeErasure(user, input.sectionId, input.requestId);
  const layout = studentRecordLayout(section.name, assignments, new Date());
  const name = `${section.name} - ${student.name} - grades`;
  // The log names the file without the student: their row points to them until the erasure, which
  // must then leave nothing that says who it was (the file keeps the name for the teacher).
  await recordSectionExport(user, "export_grades", section.id, null, `${section.name} - a student's grades before erasure.csv`, studentId);
  return csvResponse(name, layout.header, layout.toRows(student, work), { bom: input.bom });
});
