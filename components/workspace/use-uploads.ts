"use client";

import { useRef, useState } from "react";
import { newId } from "@/lib/new-id";
import { IMAGE_LIMITS } from "@/lib/image-checks";
import type { WorkImage } from "@/lib/workspace";

/** Puts an uploaded image in its reserved place, whatever order the uploads finished in. */
const placeImage = (list: WorkImage[], image: WorkImage) => {
  const at = list.findIndex((i) => i.position > image.position);
  return at === -1 ? [...list, image] : [...list.slice(0, at), image, ...list.slice(at)];
};

/** `processing`: every byte is sent and the server is checking the image (or waiting its turn to). */
export type Upload = { key: string; name: string; progress: number; processing?: boolean; error?: string };

const MAX_IMAGES = IMAGE_LIMITS.maxImages;
const TYPES = ["image/png", "image/jpeg", "image/webp"];

/**
 * XMLHttpRequest rather than fetch: only it reports upload progress. No timeout of its own: once
 * the bytes are sent, the server may make the image wait its turn, and answers when it is done.
 */
function uploadFile(
  assignmentId: string,
  file: File,
  position: number,
  onProgress: (fraction: number) => void,
  onSent: () => void,
): Promise<WorkImage> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/assignments/${assignmentId}/images?position=${position}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.upload.onload = onSent;
    xhr.onload = () => {
      let body: { image?: WorkImage; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A non-JSON answer (proxy error page): fall through to the generic message.
      }
      if (xhr.status === 201 && body.image) resolve(body.image);
      else reject(new Error(body.error ?? "The upload failed. Try again."));
    };
    xhr.onerror = () => reject(new Error("The upload failed: check your connection and try again."));
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

/**
 * The design step's uploads, owned by the workspace rather than the step: a student may pick a file
 * and go on to another step while it is sent, and the upload, its progress and any refusal must
 * still be there (the review step waits for it before handing in; the design step shows its error
 * when the student comes back).
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

  const patchUpload = (key: string, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  /** Checks and sends each file; `onUploaded` hears of each one the server has kept. */
  function addFiles(files: File[], onUploaded?: (image: WorkImage) => void) {
    const room = MAX_IMAGES - images.length - inFlight;
    for (const [i, file] of files.entries()) {
      const key = newId("upload");
      // Quick checks here for instant feedback; the server checks the real bytes again.
      const error =
        i >= room
          ? `You can upload up to ${MAX_IMAGES} graphics.`
          : !TYPES.includes(file.type)
            ? "Only PNG, JPEG or WebP images can be uploaded."
            : file.size > IMAGE_LIMITS.maxBytes
              ? "That image is larger than 10 MB."
              : file.size === 0
                ? "That file is empty."
                : undefined;
      setUploads((list) => [...list, { key, name: file.name, progress: 0, error }]);
      if (error) continue;
      const position = Math.max(nextPosition.current, ...images.map((i) => i.position + 1));
      nextPosition.current = position + 1;
      uploadFile(
        assignmentId,
        file,
        position,
        (progress) => patchUpload(key, { progress }),
        () => patchUpload(key, { progress: 1, processing: true }),
      )
        .then((image) => {
          setImages((list) => placeImage(list, image));
          setUploads((list) => list.filter((u) => u.key !== key));
          onUploaded?.(image);
        })
        .catch((e: Error) => patchUpload(key, { error: e.message }));
    }
  }

  const dismiss = (key: string) => setUploads((list) => list.filter((u) => u.key !== key));

  return { uploads, inFlight, addFiles, dismiss };
}

export type Uploads = ReturnType<typeof useUploads>;
