import type { Metadata } from "next";
import Link from "next/link";
import { RECAP_MIN_GRADED } from "@/lib/studio/recap";
import { Card, PageHeader } from "@/components/ui/card";
import { retentionDays } from "@/lib/env";
import { PERSONAL_DATA, SIGN_IN_RECORD_DAYS, STORAGE_PLACES, SUBPROCESSORS, withRetentionDays } from "@/lib/privacy/registry";

export const metadata: Metadata = { title: "Privacy" };

/** Only the tables that say something about a person, for students and parents; docs/privacy.md has every column. */
const ABOUT_PEOPLE = PERSONAL_DATA.filter((entry) => entry.links.length > 0);

/** A registry phrase as a sentence, with the school's retention period in days. */
const sentence = (text: string) => {
  const plain = withRetentionDays(text, retentionDays());
  return `${plain[0]!.toUpperCase()}${plain.slice(1)}.`;
};

/** The privacy notice, in plain language, generated from the same registry the export and erasure follow. Public. */
export default function PrivacyPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title="Privacy"
        description="What Recap Classroom keeps about you, why, for how long, and who can see it. Written for students and parents."
      />
      <Card>
        <h2 className="font-semibold">In short</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>We keep only what your class needs: your account, your work, and your teacher&apos;s grades and comments.</li>
          <li>
            Your teacher sees your work and grades. Classmates never see your own grades; once at least {RECAP_MIN_GRADED} pieces of work
            are graded, the Class Recap may show figures for the whole class (its median total, and the average of its strongest rubric
            rows).
          </li>
          {/* What the class discussion and the Class Recap put on the projector (components/discussion, lib/studio/recap.ts). */}
          <li>
            Once you hand in your work, your teacher may show your reflection answers and your studio card to the class, usually without
            your name. In the class discussion, answers are numbered and names are hidden unless your teacher chooses to show them; the
            Class Recap never shows a name.
          </li>
          <li>
            You can download everything we hold about you at any time from{" "}
            <Link href="/account" className="text-indigo-700 underline">
              Your account
            </Link>{" "}
            (&quot;Download my data&quot;). Your grades and your teacher&apos;s comments are in it once your teacher returns your work, as
            in the app.
          </li>
          <li>Your school&apos;s administrator can erase your account and everything in it; ask your teacher or school.</li>
          <li>Nothing is shared with advertisers or any other company: {SUBPROCESSORS.replace(/^None\. /, "").toLowerCase()}</li>
          <li>
            When a class has been archived for {retentionDays()} days (your school&apos;s setting), your work in it is deleted. Sign-in
            records are deleted after {SIGN_IN_RECORD_DAYS} days.
          </li>
        </ul>
      </Card>
      <Card>
        <h2 className="font-semibold">Where it is kept</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {STORAGE_PLACES.map((place) => (
            <li key={place}>{place}</li>
          ))}
        </ul>
      </Card>
      <section aria-labelledby="what-we-keep" className="space-y-3">
        <h2 id="what-we-keep" className="text-lg font-semibold">
          What we keep
        </h2>
        {ABOUT_PEOPLE.map((entry) => (
          <Card key={entry.table}>
            <h3 className="font-medium">{sentence(entry.holds)}</h3>
            <dl className="mt-2 grid gap-2 text-sm sm:grid-cols-[9rem_1fr]">
              <dt className="text-slate-500">Why</dt>
              <dd>{sentence(entry.purpose)}</dd>
              <dt className="text-slate-500">How long</dt>
              <dd>{sentence(entry.retention)}</dd>
              <dt className="text-slate-500">Who can see it</dt>
              <dd>{sentence(entry.visibleTo)}</dd>
              {Object.keys(entry.columns).length > 0 && (
                <>
                  <dt className="text-slate-500">What it says</dt>
                  <dd>{sentence(Object.values(entry.columns).join("; "))}</dd>
                </>
              )}
            </dl>
          </Card>
        ))}
      </section>
    </div>
  );
}
