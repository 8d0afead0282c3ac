import { describe, expect, it } from "vitest";
import { stepsThrough } from "./view-select";

const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe("the Students list's selects: which keys step through a closed list (the view waits for Enter)", () => {
  it("arrows, Home, End and page keys, and a letter typed to find an option", () => {
    for (const k of ["ArrowDown", "ArrowUp", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown", "n", "R"])
      expect(stepsThrough(key(k)), k).toBe(true);
  });

  it("not the keys that open the list, where Enter then picks at once: Alt+↓, Space, F4, Enter", () => {
    expect(stepsThrough(key("ArrowDown", { altKey: true }))).toBe(false);
    for (const k of [" ", "F4", "Enter", "Tab", "Escape"]) expect(stepsThrough(key(k)), k).toBe(false);
    expect(stepsThrough(key("a", { ctrlKey: true }))).toBe(false);
    expect(stepsThrough(key("a", { metaKey: true }))).toBe(false);
  });
});
