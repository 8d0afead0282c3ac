import { recordSectionExport } from "@/db/queries/access-log";
import { exportSection } from "@/db/queries/export";
import { route } from "@/lib/server/action";
import { csvResponse } from "@/lib/csv";
import { sectionLayout } from "@/lib/gradebook";
import { sectionExportSchema } from "@/lib/validations/export";

export const dynamic = "force-dynamic";

/**
 * Every assignment of a section side by side: one row per student, one column group per assignment.
 * `returned`: totals not yet returned to the students are left out (reopened work gives the grade returned before).
 */
export const GET = route("teacher", sectionExportSchema, async (input, user) => {
  const { section, assignments, rows } = await exportSection(user, input.sectionId);
  const layout = sectionLayout(section.name, assignments, new Date(), { returnedOnly: input.returned });
  async function* cells() {
    for await (const { student, work } of rows) yield layout.toRow(student, work);
  }
  const name = `${section.name} - all grades${input.returned ? " (returned only)" : ""}`;
  await recordSectionExport(user, "export_grades", input.sectionId, null, `${name}.csv`);
  return csvResponse(name, layout.header, cells(), { bom: input.bom });
});
