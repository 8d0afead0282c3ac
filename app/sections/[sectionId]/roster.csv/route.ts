import { recordSectionExport } from "@/db/queries/access-log";
import { getTeacherSection, listRoster } from "@/db/queries/sections";
import { route } from "@/lib/server/action";
import { csvResponse, splitName } from "@/lib/csv";
import { rosterExportSchema } from "@/lib/validations/export";

export const dynamic = "force-dynamic";

/** The class list, in a shape the roster import reads back (last name, first name, email first). */
export const GET = route("teacher", rosterExportSchema, async (input, user) => {
  const section = await getTeacherSection(user, input.sectionId);
  const roster = await listRoster(user, section.id);
  const rows = roster.map((student) => {
    const { first, last } = splitName(student.name);
    return [
      last,
      first,
      student.email,
      student.removedAt ? "Removed" : "Enrolled",
      student.joinedAt.toISOString(),
      student.removedAt?.toISOString() ?? "",
      student.hasSignedIn ? "yes" : "no",
    ];
  });
  const name = `${section.name} - roster`;
  await recordSectionExport(user, "export_roster", section.id, null, `${name}.csv`);
  return csvResponse(name, ["Last name", "First name", "Email", "Status", "Joined at (UTC)", "Removed at (UTC)", "Has signed in"], rows, {
    bom: input.bom,
  });
});
