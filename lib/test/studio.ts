import type { Draft } from "@/lib/validations/workspace";

/** The studio tests' student work: three datapoints and copy with placeholders (emoji and all, if asked). */
export const studioDraft = (copy: string): Pick<Draft, "picks" | "copy"> => ({
  picks: [
    { columnId: "purchases", reason: "" },
    { columnId: "drink", reason: "" },
    { columnId: "pastry", reason: "" },
  ],
  copy,
});
