/** What a student is told once the join action answers: joined now, or in the class already (another tab). */
export function joinedMessage(result: { sectionName: string; alreadyEnrolled: boolean }): string {
  return result.alreadyEnrolled ? `You're already in ${result.sectionName}.` : `You joined ${result.sectionName}.`;
}
