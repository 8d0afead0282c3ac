"use client";

import dynamic from "next/dynamic";

/**
 * Shown only for a student with nothing handed in: its code comes in a chunk of its own (rendered on
 * the server as before), so the grading view of work handed in doesn't load it (docs/decisions/015-page-floors.md).
 */
export const StudentWalk = dynamic(() => import("./student-walk").then((m) => m.StudentWalk));
