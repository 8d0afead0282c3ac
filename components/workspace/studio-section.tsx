"use client";

import dynamic from "next/dynamic";
import type { CardStudioProps } from "@/components/studio/card-studio";
import { patient } from "@/components/ui/patient-import";

// The studio draws with its own font and layout code: fetched only when the design step opens.
const loadStudio = patient(() => import("@/components/studio/card-studio"));
const CardStudio = dynamic(() => loadStudio().then((m) => m.CardStudio), {
  loading: () => <p className="text-sm text-slate-600">Loading…</p>,
});

/** The Year in Review studio, offered in the design step beside uploading (./design-step.tsx). */
export function StudioSection(props: CardStudioProps) {
  return (
    <section aria-labelledby="studio-heading" className="rounded-lg p-3 ring-1 ring-indigo-200 sm:p-4">
      <h3 id="studio-heading" className="text-base font-semibold">
        {props.readOnly ? "Your card" : "Make your card here"}
      </h3>
      <p className="mb-4 text-sm text-slate-600">
        {props.readOnly
          ? "Your card, filled in with each customer's data from your copy and your datapoints."
          : "Design one card; it is filled in with each customer's data from your copy and your datapoints."}
      </p>
      <CardStudio {...props} />
    </section>
  );
}
