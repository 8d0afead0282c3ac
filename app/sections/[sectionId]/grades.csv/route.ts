import { exportSection } from "@/db/queries/export";
import { route } from "@/lib/action";
import { attachmentHeader, csvStream } from "@/lib/csv";
import { sectionLayout } from "@/lib/gradebook";
import { exportQuerySchema } from "@/lib/validations/export";

export const dynamic = "force-dynamic";

/** Every assignment of a section side by side: one row per student, one column group per assignment. */
export const GET = route("teacher", exportQuerySchema, (input, user) => {
  const { section, assignments, students, work } = exportSection(user, input.sectionId);
  const layout = sectionLayout(section.name, assignments);
  const rows = students.map((student) => layout.toRow(student, work.map((w) => w.byStudent.get(student.id))));
  return new Response(csvStream(layout.header, rows, { bom: input.bom }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentHeader(`${section.name} - all grades`),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
