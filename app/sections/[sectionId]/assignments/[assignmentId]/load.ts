import "server-only";
import { cache } from "react";
import { getTeacherAssignment } from "@/db/queries/assignments";
import { getTeacherSection } from "@/db/queries/sections";
import { pageUser } from "@/lib/server/authz";
import { orNotFound } from "@/lib/server/page";

/** Read once per request, however many times the page and its metadata ask. */
const load = cache(async (sectionId: string, assignmentId: string, page: string) => {
  const user = await pageUser("teacher", `/sections/${sectionId}/assignments/${assignmentId}${page}`);
  const assignment = await orNotFound(async () => await getTeacherAssignment(user, sectionId, assignmentId));
  const section = await orNotFound(async () => await getTeacherSection(user, assignment.sectionId));
  return { user, section, assignment };
});

/** The acting teacher, the section and the assignment of an assignment's pages; 404 for anyone else's. */
export async function loadAssignmentPage(params: Promise<{ sectionId: string; assignmentId: string }>, page?: "setup" | "lesson") {
  const { sectionId, assignmentId } = await params;
  return load(sectionId, assignmentId, page ? `/${page}` : "");
}
