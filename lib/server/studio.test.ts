import sharp from "sharp";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { addImage, getStudentWork } from "@/db/queries/work";
import { FormError } from "@/lib/errors";
import { cardCustomers } from "@/lib/studio/card-text";
import { classroom, fakeImage } from "@/lib/test/factories";

/**
 * "Use these cards" (addCardImages): cards that cannot fit beside the student's graphics are refused
 * before any is drawn, since drawing, decoding and storing each one takes the image queue's turn
 * that uploads wait for; cards that fit are drawn, one per customer, and added.
 */

const renderCardPng = vi.hoisted(() => vi.fn<() => Promise<Buffer>>());
vi.mock("./card-render", () => ({ renderCardPng }));
const { addCardImages } = await import("./studio");

beforeEach(async () => {
  renderCardPng.mockReset();
  const png = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: "#123456" } })
    .png()
    .toBuffer();
  renderCardPng.mockResolvedValue(png);
});

/** A student of a fresh class with one graphic already in the design, and the lesson's customers. */
async function studentWithOneGraphic() {
  const { student, assignment } = await classroom();
  await addImage(student.actor, assignment.id, fakeImage(), "my photo");
  const customers = cardCustomers(assignment.content).map((c) => c.id);
  expect(customers.length).toBe(5);
  return { student, assignment, customers };
}

describe("Use these cards", () => {
  it("refuses cards that would take the design past five graphics before drawing any of them", async () => {
    const { student, assignment, customers } = await studentWithOneGraphic();
    const refused = addCardImages(student.actor, assignment.id, customers);
    await expect(refused).rejects.toThrow(FormError);
    await expect(refused).rejects.toThrow("That is 5 cards, and your design has room for 4 more");
    expect(renderCardPng).not.toHaveBeenCalled();
    expect((await getStudentWork(student.actor, assignment.id)).images).toHaveLength(1);
  });

  it("draws and adds the cards that fit, one for each customer chosen", async () => {
    const { student, assignment, customers } = await studentWithOneGraphic();
    const added = await addCardImages(student.actor, assignment.id, customers.slice(0, 4));
    expect(renderCardPng).toHaveBeenCalledTimes(4);
    expect(added).toHaveLength(4);
    expect(added.every((i) => /'s card$/.test(i.caption))).toBe(true);
    expect((await getStudentWork(student.actor, assignment.id)).images.map((i) => i.caption)).toEqual([
      "my photo",
      ...added.map((i) => i.caption),
    ]);
  });
});
