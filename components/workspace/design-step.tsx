"use client";

import { useEffect, useRef, useState, type DragEvent } from "react";
import { toast } from "@/components/ui/toast";
import { deleteImageAction, reorderImagesAction, updateCaptionAction } from "@/app/assignments/[assignmentId]/actions";
import { useRunAction } from "@/components/forms/run-action";
import { useLeaveGuard } from "@/components/forms/use-leave-guard";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { describeChecks, IMAGE_LIMITS } from "@/lib/image-checks";
import type { CardStudioProps } from "@/components/studio/card-studio";
import { imageUrl } from "@/lib/image-url";
import { isOutdated } from "@/lib/studio/card-text";
import { WORK_LIMITS } from "@/lib/validations/workspace";

import type { WorkImage } from "@/lib/workspace";
import { graphicButtonId } from "./step-props";
import { StudioSection } from "./studio-section";
import { sendFiles } from "./send-uploads";
import type { Uploads } from "./use-uploads";

/** How long a caption waits for typing to pause before it is saved. */
const CAPTION_PAUSE_MS = 800;

export function DesignStep({
  assignmentId,
  images,
  setImages,
  uploads: held,
  readOnly,
  studio,
}: {
  assignmentId: string;
  images: WorkImage[];
  setImages: (update: (images: WorkImage[]) => WorkImage[]) => void;
  /** Kept by the workspace, so that an upload goes on, and its refusal stays, while another step is open. */
  uploads: Uploads;
  readOnly: boolean;
  /** The Year in Review studio, offered beside uploading (./studio-section.tsx). */
  studio: Omit<CardStudioProps, "roomForImages">;
}) {
  const { uploads, inFlight, dismiss } = held;
  // Whether a studio picture no longer shows the card as the work would draw it now.
  const outdated = (image: WorkImage) => image.card !== null && isOutdated(image.card, studio.draft, studio.content);
  const addFiles = (files: File[], onUploaded: (image: WorkImage) => void) => sendFiles(held, files, onUploaded);
  const [dragging, setDragging] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { run, pending } = useRunAction();
  const shown = images.find((i) => i.id === selected) ?? images[0];

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!readOnly) addFiles([...event.dataTransfer.files], (image) => setSelected(image.id));
  };

  const move = async (index: number, step: number) => {
    const before = new Map(images.map((image) => [image.id, image.position]));
    const next = [...images];
    const [item] = next.splice(index, 1);
    next.splice(index + step, 0, item!);
    // The server numbers them 0, 1, 2… in this order.
    setImages(() => next.map((image, position) => ({ ...image, position })));
    if (await run(reorderImagesAction, { assignmentId, imageIds: next.map((i) => i.id) })) return;
    // Not saved (the toast says why): the screen goes back to the order the server still has. A
    // graphic added meanwhile keeps the place the server gave it.
    setImages((list) =>
      list.map((image) => ({ ...image, position: before.get(image.id) ?? image.position })).sort((a, b) => a.position - b.position),
    );
  };

  // Where focus goes once a deleted graphic's card (and its focused Delete button) has gone: the
  // graphic that took its place, else the one before, else the upload button.
  const dropZone = useRef<HTMLDivElement>(null);
  const focusAfterDelete = useRef<number | null>(null);
  useEffect(() => {
    const at = focusAfterDelete.current;
    if (at === null) return;
    focusAfterDelete.current = null;
    const place = Math.min(at, images.length - 1) + 1;
    const target =
      images.length > 0
        ? document.querySelector<HTMLElement>(`[aria-label="Show graphic ${place} in the phone preview"]`)
        : dropZone.current?.querySelector<HTMLElement>("button:not([disabled])");
    target?.focus();
  }, [images]);
  const remove = (image: WorkImage) =>
    run(deleteImageAction, { imageId: image.id }, () => {
      focusAfterDelete.current = images.findIndex((i) => i.id === image.id);
      setImages((list) => list.filter((i) => i.id !== image.id));
      toast.success("Graphic deleted.");
    });

  // A caption saves after a pause in typing, or when the field is left; until it is saved (or if
  // its save failed), leaving the page asks first.
  const captionPauses = useRef(new Map<string, { timer: ReturnType<typeof setTimeout>; save: () => void }>());
  const [unsavedCaptions, setUnsavedCaptions] = useState<ReadonlySet<string>>(new Set());
  useLeaveGuard(unsavedCaptions.size > 0);
  const markCaption = (imageId: string, unsaved: boolean) =>
    setUnsavedCaptions((set) => {
      if (set.has(imageId) === unsaved) return set;
      const next = new Set(set);
      if (unsaved) next.add(imageId);
      else next.delete(imageId);
      return next;
    });
  const saveCaption = (image: WorkImage, caption: string) => {
    clearTimeout(captionPauses.current.get(image.id)?.timer);
    captionPauses.current.delete(image.id);
    if (caption === image.caption) return markCaption(image.id, false);
    void run(updateCaptionAction, { imageId: image.id, caption }, () => {
      setImages((list) => list.map((i) => (i.id === image.id ? { ...i, caption } : i)));
      markCaption(image.id, false);
    });
  };
  const typeCaption = (image: WorkImage, value: string) => {
    markCaption(image.id, true);
    clearTimeout(captionPauses.current.get(image.id)?.timer);
    const save = () => saveCaption(image, value.trim());
    captionPauses.current.set(image.id, { timer: setTimeout(save, CAPTION_PAUSE_MS), save });
  };
  // A caption still in its pause when the step goes away is sent at once.
  useEffect(() => {
    const pauses = captionPauses.current;
    return () => {
      for (const { timer, save } of pauses.values()) {
        clearTimeout(timer);
        save();
      }
      pauses.clear();
    };
  }, []);

  return (
    <div className="space-y-6">
      <StudioSection {...studio} roomForImages={Math.max(0, IMAGE_LIMITS.maxImages - images.length - inFlight)} />
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="space-y-4">
          <h3 className="text-base font-semibold">Your graphics</h3>
          {!readOnly && (
            <p className="text-sm text-slate-600">
              Cards you use appear here. Or upload the graphic that carries your copy: made in any design tool, or drawn on paper and
              photographed. Square or portrait works best on phones, with text big enough to read on a small screen. Up to{" "}
              {IMAGE_LIMITS.maxImages} images (PNG, JPEG or WebP, 10 MB each).
            </p>
          )}
          {!readOnly && (
            <div
              ref={dropZone}
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
              className={`rounded-lg border-2 border-dashed p-6 text-center ${dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300"}`}
            >
              {/* A phone can't drag a file onto a page: it is offered the photos and files it can pick from. */}
              <p className="text-sm text-slate-700 pointer-coarse:hidden">Drag images here, or</p>
              <p className="hidden text-sm text-slate-700 pointer-coarse:block">Add a photo or a saved graphic (PNG, JPEG or WebP).</p>
              <Button
                className="mt-2"
                variant="secondary"
                onClick={() => input.current?.click()}
                disabled={images.length + inFlight >= IMAGE_LIMITS.maxImages}
              >
                Choose images
              </Button>
              <input
                ref={input}
                type="file"
                accept="image/png,image/jpeg,image/webp"
                multiple
                className="sr-only"
                // "Choose images" opens it: one Tab stop, not a second invisible one, and one button for a
                // screen reader, not a second one in browse mode.
                tabIndex={-1}
                aria-hidden
                aria-label="Upload images"
                data-testid="image-input"
                onChange={(e) => {
                  addFiles([...(e.target.files ?? [])], (image) => setSelected(image.id));
                  e.target.value = "";
                }}
              />
              <p className="mt-2 text-xs text-slate-500">
                {images.length} of {IMAGE_LIMITS.maxImages} used
              </p>
            </div>
          )}
          {uploads.length > 0 && (
            <ul className="space-y-2" aria-label="Uploads">
              {uploads.map((u) => (
                <li key={u.key} className="rounded-md p-3 text-sm ring-1 ring-slate-200">
                  <div className="flex items-center justify-between gap-2">
                    <span className="truncate font-medium">{u.name}</span>
                    {u.error && (
                      <button
                        type="button"
                        // At least 24 px square (WCAG 2.5.8): a finger on a phone hits it, not the file's name.
                        className="-my-1 inline-flex min-h-6 min-w-6 shrink-0 items-center px-1 text-sm text-slate-600 underline"
                        aria-label={`Dismiss ${u.name}`}
                        onClick={() => dismiss(u.key)}
                      >
                        Dismiss
                      </button>
                    )}
                  </div>
                  {u.error ? (
                    <p role="alert" className="mt-1 text-red-700">
                      {u.error}
                    </p>
                  ) : u.processing ? (
                    // No value: an indeterminate bar, which keeps moving while the server works.
                    <progress key="processing" className="mt-2 h-2 w-full accent-indigo-600" aria-label={`Processing ${u.name}`} />
                  ) : (
                    <progress
                      key="uploading"
                      className="mt-2 h-2 w-full accent-indigo-600"
                      max={1}
                      value={u.progress}
                      aria-label={`Uploading ${u.name}`}
                    />
                  )}
                  {!u.error && (
                    // A polite live region, there from the start, so that screen readers say the change.
                    <p role="status" className="mt-1 text-xs text-slate-600">
                      {u.processing ? "Processing…" : "Uploading…"}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
          <ol className="grid gap-3 sm:grid-cols-2" aria-label="Your graphics">
            {images.map((image, index) => (
              <li
                key={image.id}
                className={`rounded-lg bg-white p-3 ring-1 ${shown?.id === image.id ? "ring-2 ring-indigo-500" : "ring-slate-200"}`}
                data-testid="uploaded-image"
              >
                <button
                  type="button"
                  id={graphicButtonId(image.id)}
                  onClick={() => setSelected(image.id)}
                  className="block w-full"
                  aria-label={`Show graphic ${index + 1} in the phone preview`}
                >
                  <img
                    src={imageUrl(image.id, "thumb")}
                    alt={image.caption || `Graphic ${index + 1}`}
                    className="mx-auto max-h-48 rounded object-contain"
                  />
                </button>
                <ul className="mt-2 space-y-1 text-xs" data-testid="image-checks">
                  {describeChecks(image.checks, image.width).map((c) => (
                    <li key={c.text} className={c.ok ? "text-green-800" : "text-amber-800"}>
                      <span aria-hidden>{c.ok ? "✓ " : "! "}</span>
                      {c.text}
                    </li>
                  ))}
                  {outdated(image) && (
                    <li className="text-amber-800" data-testid="card-outdated">
                      <span aria-hidden>! </span>
                      Drawn before your latest changes to the card, copy or datapoints.
                      {!readOnly && " To show it as it is now, delete it and use the card again."}
                    </li>
                  )}
                </ul>
                <label htmlFor={`caption-${image.id}`} className="mt-2 block text-xs font-medium text-slate-600">
                  Caption (optional)
                </label>
                <input
                  id={`caption-${image.id}`}
                  defaultValue={image.caption}
                  maxLength={WORK_LIMITS.caption}
                  readOnly={readOnly}
                  onChange={(e) => !readOnly && typeCaption(image, e.target.value)}
                  onBlur={(e) => !readOnly && saveCaption(image, e.target.value.trim())}
                  className="mt-1 block w-full rounded-md px-2 py-1 text-base sm:text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none read-only:bg-slate-50"
                />
                {!readOnly && (
                  <div className="mt-2 flex flex-wrap gap-1">
                    <Button
                      variant="ghost"
                      className="min-h-8 px-2 py-1"
                      // Busy, not disabled, while a caption saves: Tab from the caption lands here (pending).
                      disabled={index === 0}
                      pending={pending}
                      onClick={() => void move(index, -1)}
                      aria-label={`Move graphic ${index + 1} earlier`}
                    >
                      ↑
                    </Button>
                    <Button
                      variant="ghost"
                      className="min-h-8 px-2 py-1"
                      disabled={index === images.length - 1}
                      pending={pending}
                      onClick={() => void move(index, 1)}
                      aria-label={`Move graphic ${index + 1} later`}
                    >
                      ↓
                    </Button>
                    <ConfirmButton
                      label="Delete"
                      ariaLabel={`Delete graphic ${index + 1}`}
                      className="ml-auto min-h-8 px-2 py-1"
                      question={`Delete graphic ${index + 1}${image.caption ? ` (“${image.caption}”)` : ""}? It can't be brought back; you would upload it again.`}
                      confirmLabel="Delete graphic"
                      pending={pending}
                      onConfirm={() => remove(image)}
                    />
                  </div>
                )}
              </li>
            ))}
          </ol>
        </div>
        <PhonePreview image={shown} />
      </div>
    </div>
  );
}

/** Roughly a phone's proportions, so students see how small their text will be. */
function PhonePreview({ image }: { image?: WorkImage }) {
  return (
    <figure className="mx-auto w-56" aria-label="Phone preview">
      <div className="aspect-[9/19.5] overflow-hidden rounded-[2rem] border-8 border-slate-900 bg-slate-900 shadow-lg">
        <div className="flex h-full items-center justify-center bg-black">
          {image ? (
            <img src={imageUrl(image.id)} alt={image.caption || "Your graphic on a phone"} className="max-h-full w-full object-contain" />
          ) : (
            <span className="px-4 text-center text-xs text-slate-400">Your graphic will appear here, at phone size.</span>
          )}
        </div>
      </div>
      <figcaption className="mt-2 text-center text-xs text-slate-600">How it looks on a phone</figcaption>
    </figure>
  );
}
