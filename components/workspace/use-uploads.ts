"use client";

import { useRef, useState } from "react";
import type { WorkImage } from "@/lib/workspace";

/** `processing`: every byte is sent and the server is checking the image (or waiting its turn to). */
export type Upload = { key: string; name: string; progress: number; processing?: boolean; error?: string };

/**
 * The design step's uploads, owned by the workspace rather than the step: a student may pick a file
 * and go on to another step while it is sent, and the upload, its progress and any refusal must
 * still be there (the review step waits for it before handing in; the design step shows its error
 * when the student comes back). What sends them is the design step's (./send-uploads.ts), fetched
 * with it: the workspace keeps only their state.
 */
export function useUploads({
  assignmentId,
  images,
  setImages,
}: {
  assignmentId: string;
  images: WorkImage[];
  setImages: (update: (images: WorkImage[]) => WorkImage[]) => void;
}) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  /** Uploads still on their way: each takes a place in the design, so it counts against the limit. */
  const inFlight = uploads.filter((u) => !u.error).length;
  // The next free place in the list, reserved as each file is picked: uploads run side by side and
  // finish in any order, and the server files each one in the place its file was picked for.
  const nextPosition = useRef(0);

  const dismiss = (key: string) => setUploads((list) => list.filter((u) => u.key !== key));

  return { uploads, inFlight, dismiss, sending: { assignmentId, images, setImages, setUploads, nextPosition } };
}

export type Uploads = ReturnType<typeof useUploads>;
