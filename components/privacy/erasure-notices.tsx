import { AcknowledgeErasureButton } from "@/components/privacy/acknowledge-erasure-button";
import { LocalTime } from "@/components/ui/local-time";

/** A scheduled erasure of one of the teacher's students, as the page hands it over (instants as ISO text). */
export type ErasureNoticeView = {
  requestId: string;
  studentName: string;
  eraseAfter: string;
  acknowledgedAt: string | null;
  sections: { id: string; name: string }[];
};

/**
 * The teacher's warning that a student of theirs will be erased (issue 13): who, from when, what
 * their gradebook loses, and the download of their record, until they say they kept what they need; then a quieter
 * line until the erasure. `inSection` words it for one section's page.
 */
export function ErasureNotices({ notices, inSection = false }: { notices: ErasureNoticeView[]; inSection?: boolean }) {
  if (notices.length === 0) return null;
  return (
    <div className="mb-6 space-y-3">
      {notices.map((notice) => {
        const gradebooks = inSection
          ? "this class's gradebook"
          : `the gradebook${notice.sections.length === 1 ? "" : "s"} of ${notice.sections.map((s) => s.name).join(", ")}`;
        if (notice.acknowledgedAt) {
          return (
            <p key={notice.requestId} className="text-sm text-slate-600" data-testid="erasure-notice">
              You said you have kept what you need: {notice.studentName} may be erased as soon as every teacher of theirs has said the same,
              or from <LocalTime iso={notice.eraseAfter} dateOnly /> in any case.
            </p>
          );
        }
        return (
          <div
            key={notice.requestId}
            role="status"
            className="rounded-lg bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-300"
            data-testid="erasure-notice"
          >
            <p>
              <strong className="font-semibold">{notice.studentName}</strong> will be erased by the school&apos;s administrator on or after{" "}
              <LocalTime iso={notice.eraseAfter} dateOnly />: their work and scores leave {gradebooks}. Download their record first: every
              score, comment and feedback of theirs, on every assignment.
            </p>
            <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
              {notice.sections.map((section) => (
                <a
                  key={section.id}
                  href={`/sections/${section.id}/erasures/${notice.requestId}/grades.csv`}
                  download
                  className="font-medium break-all text-indigo-800 underline"
                >
                  {inSection
                    ? `Download ${notice.studentName}'s grades (CSV)`
                    : `Download ${notice.studentName}'s grades in ${section.name} (CSV)`}
                </a>
              ))}
              <AcknowledgeErasureButton requestId={notice.requestId} />
            </div>
          </div>
        );
      })}
    </div>
  );
}
