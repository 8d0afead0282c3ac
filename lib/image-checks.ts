/** Phone-readiness checks on an uploaded graphic. Pure, so the browser can explain them too. */

const MIN_PHONE_WIDTH = 1080;

export type ImageChecks = {
  orientation: "square" | "portrait" | "landscape";
  /** Square or portrait suits phone sharing; landscape does not. */
  orientationOk: boolean;
  /** At least MIN_PHONE_WIDTH pixels wide, so text stays readable on a phone. */
  sizeOk: boolean;
};

export function checkImage(width: number, height: number): ImageChecks {
  // Within 2% counts as square: a 1080×1090 export is meant to be square.
  const orientation = Math.abs(width - height) <= 0.02 * Math.max(width, height) ? "square" : height > width ? "portrait" : "landscape";
  return { orientation, orientationOk: orientation !== "landscape", sizeOk: width >= MIN_PHONE_WIDTH };
}

export function describeChecks(checks: ImageChecks, width: number): { ok: boolean; text: string }[] {
  return [
    checks.orientationOk
      ? { ok: true, text: `${checks.orientation === "square" ? "Square" : "Vertical"}: fits a phone screen.` }
      : { ok: false, text: "Landscape: wide images get shrunk on phones. Try square or vertical." },
    checks.sizeOk
      ? { ok: true, text: `${width} px wide: text will stay sharp.` }
      : { ok: false, text: `Only ${width} px wide: text may be hard to read on a phone (aim for ${MIN_PHONE_WIDTH} px or more).` },
  ];
}

/** Upload limits, here (not beside sharp) so the browser and the query layer can read them too. */
export const IMAGE_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxPixels: 40_000_000,
  maxImages: 5,
  /**
   * The stored bytes of one student's graphics for one assignment, counting those deleted from the
   * design but kept because an earlier attempt shows them: a bound on what handing in, deleting
   * and uploading again can pile up. Far above five graphics of any kind a lesson asks for.
   */
  maxBytesKept: 100 * 1024 * 1024,
  minWidth: MIN_PHONE_WIDTH,
  thumbWidth: 480,
} as const;

/** A student's graphics for one assignment: how many are in the design, and the bytes of all kept. */
export type ImagesHeld = { live: number; bytes: number };

/**
 * Why `adding` more graphics (of `addingBytes`, once known) don't fit beside those `held`, or null
 * when they do: an upload is one graphic, the studio's "Use these cards" may be several.
 */
export function noRoomFor(held: ImagesHeld, adding: number, addingBytes = 0): string | null {
  if (held.bytes + Math.max(addingBytes, 1) > IMAGE_LIMITS.maxBytesKept) {
    return (
      `Your graphics for this assignment, with those kept for your earlier attempts, have reached ` +
      `${IMAGE_LIMITS.maxBytesKept / 1024 / 1024} MB, the most one assignment keeps, so no more can be added.`
    );
  }
  if (held.live + adding <= IMAGE_LIMITS.maxImages) return null;
  if (adding === 1) return `You can upload up to ${IMAGE_LIMITS.maxImages} graphics. Delete one to add another.`;
  const room = Math.max(0, IMAGE_LIMITS.maxImages - held.live);
  return (
    `That is ${adding} cards, and your design has room for ${room} more (${IMAGE_LIMITS.maxImages} graphics at most). ` +
    "Delete some graphics or choose fewer customers."
  );
}
