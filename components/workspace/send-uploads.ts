"use client";

import { IMAGE_LIMITS } from "@/lib/image-checks";
import { newId } from "@/lib/new-id";
import type { WorkImage } from "@/lib/workspace";
import type { Upload, Uploads } from "./use-uploads";

/** Puts an uploaded image in its reserved place, whatever order the uploads finished in. */
const placeImage = (list: WorkImage[], image: WorkImage) => {
  const at = list.findIndex((i) => i.position > image.position);
  return at === -1 ? [...list, image] : [...list.slice(0, at), image, ...list.slice(at)];
};

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
 * Checks and sends each file the student picked or dropped, each in the place it was picked for;
 * `onUploaded` hears of each one the server has kept.
 */
export function sendFiles(
  { inFlight, sending: { assignmentId, images, setImages, setUploads, nextPosition } }: Uploads,
  files: File[],
  onUploaded?: (image: WorkImage) => void,
) {
  const patchUpload = (key: string, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));
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
