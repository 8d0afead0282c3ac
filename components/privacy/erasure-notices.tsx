import { AcknowledgeErasureButton } from "@/components/privacy/acknowledge-erasure-button";
import { LocalTime } from "@/components/ui/local-time";

/**
 * A notice's element, the same before and after it is acknowledged (its key and kind stay): the
 * button goes with the answer, so the focus goes to the notice, which says what is now.
 */
const noticeId = (requestId: string) => `erasure-notice-${requestId}`;

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
          // Until the erasure, the record can still be downloaded again (a file saved to the wrong place).
          return (
            <div
              key={notice.requestId}
              id={noticeId(notice.requestId)}
              tabIndex={-1}
              className="text-sm text-slate-600"
              data-testid="erasure-notice"
            >
              <p>
                You said you have kept what you need: {notice.studentName} may be erased as soon as every teacher of theirs has said the
                same, or from <LocalTime iso={notice.eraseAfter} dateOnly /> in any case.
              </p>
              <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1">
                <RecordDownloads notice={notice} inSection={inSection} />
              </div>
            </div>
          );
        }
        return (
          <div
            key={notice.requestId}
            id={noticeId(notice.requestId)}
            tabIndex={-1}
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
              <RecordDownloads notice={notice} inSection={inSection} />
              <AcknowledgeErasureButton
                requestId={notice.requestId}
                studentName={notice.studentName}
                noticeId={noticeId(notice.requestId)}
              />
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** The student's record in each of the teacher's sections: the CSV, and the same file for Excel (a BOM keeps accents readable). */
function RecordDownloads({ notice, inSection }: { notice: ErasureNoticeView; inSection: boolean }) {
  return notice.sections.map((section) => {
    const href = `/sections/${section.id}/erasures/${notice.requestId}/grades.csv`;
    const what = inSection ? `${notice.studentName}'s grades` : `${notice.studentName}'s grades in ${section.name}`;
    return (
      <span key={section.id} className="flex flex-wrap gap-x-3">
        <a href={href} download className="font-medium break-all text-indigo-800 underline">
          {`Download ${what} (CSV)`}
        </a>
        <a href={`${href}?bom=1`} download className="break-all text-indigo-800 underline">
          For Excel<span className="sr-only">{` (${what}, keeps accents readable)`}</span>
        </a>
      </span>
    );
  });
}
