import { describe, expect, it } from "vitest";
import { oneAtATime } from "./keyed-queue";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("oneAtATime", () => {
  it("runs tasks with one key one after another, in the order they came, and tasks with another key alongside", async () => {
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([oneAtATime("a", task("a1")), oneAtATime("a", task("a2")), oneAtATime("b", task("b1"))]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    // a2 starts only after a1 has ended; b1 does not wait for either.
    expect(log.indexOf("a2 start")).toBeGreaterThan(log.indexOf("a1 end"));
    expect(log.indexOf("b1 start")).toBeLessThan(log.indexOf("a1 end"));
  });

  it("gives a task's failure to its caller only: the next task with the key still runs", async () => {
    const failing = oneAtATime("c", async () => {
      await tick();
      throw new Error("no");
    });
    const next = oneAtATime("c", async () => "ran");
    await expect(failing).rejects.toThrow("no");
    await expect(next).resolves.toBe("ran");
  });
});
