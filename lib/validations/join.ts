import "../zod-jitless";
import { z } from "zod";
import { isJoinCodeShaped, JOIN_CODE_LENGTH, normalizeJoinCode } from "@/lib/join-code";

const joinCodeSchema = z
  .string({ error: "Enter the code your teacher gave you." })
  .transform(normalizeJoinCode)
  .pipe(
    z
      .string()
      .min(1, "Enter the code your teacher gave you.")
      .refine(isJoinCodeShaped, `A class code has ${JOIN_CODE_LENGTH} letters and digits, like ABCD-2345.`),
  );

export const joinSchema = z.object({ code: joinCodeSchema });
export type JoinInput = z.input<typeof joinSchema>;
