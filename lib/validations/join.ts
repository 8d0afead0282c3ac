import "../zod-jitless";
import { z } from "zod";
import { isJoinCodeShaped, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, normalizeJoinCode } from "@/lib/join-code";

/** Characters a code never has because they look like others (0/O, 1/I/L), as typed. */
const lookAlikes = (code: string) => [...new Set([...code].filter((c) => /[0-9A-Z]/.test(c) && !JOIN_CODE_ALPHABET.includes(c)))];

const joinCodeSchema = z
  .string({ error: "Enter the code your teacher gave you." })
  .transform(normalizeJoinCode)
  .pipe(
    z
      .string()
      .min(1, "Enter the code your teacher gave you.")
      .superRefine((code, context) => {
        if (isJoinCodeShaped(code)) return;
        const odd = lookAlikes(code);
        context.addIssue({
          code: "custom",
          message: odd.length
            ? `Class codes never use 0, O, 1, I or L, so ${odd.length === 1 ? `${odd[0]} must be another character` : `${odd.join(", ")} must be other characters`}: check the code with your teacher.`
            : `A class code has ${JOIN_CODE_LENGTH} letters and digits, like ABCD-2345.`,
        });
      }),
  );

export const joinSchema = z.object({ code: joinCodeSchema });
export type JoinInput = z.input<typeof joinSchema>;
