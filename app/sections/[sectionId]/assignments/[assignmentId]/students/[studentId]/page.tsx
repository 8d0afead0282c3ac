import { redirect } from "next/navigation";

type Props = { params: Promise<{ sectionId: string; assignmentId: string; studentId: string }> };

/** A student's work now lives in the grading view (which also honours anonymous grading). */
export default async function StudentWorkRedirect({ params }: Props) {
  const { sectionId, assignmentId, studentId } = await params;
  redirect(`/sections/${sectionId}/assignments/${assignmentId}/grade/${studentId}`);
}
