"use client";

import dynamic from "next/dynamic";

/**
 * The Class Recap's pick, under the work: its code comes in a chunk of its own, fetched once the page
 * is up (rendered on the server as before), so the rubric beside it answers keys sooner.
 */
export const RecapPick = dynamic(() => import("./recap-pick").then((m) => m.RecapPick));
