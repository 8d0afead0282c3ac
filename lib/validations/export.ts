import "../zod-jitless";
import { z } from "zod";
import { EXPORT_FORMATS } from "@/lib/gradebook";
import { idSchema } from "./common";

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

/** Query string of the CSV downloads: ?format=detailed|canvas|simple&bom=1&comments=1 */
const exportQuerySchema = z.object({
  sectionId: idSchema,
  format: z.enum(EXPORT_FORMATS).default("detailed"),
  bom: flag,
  comments: flag,
});

/** One assignment's file; &returned=1 leaves out grading not yet returned to the students. */
export const assignmentExportSchema = exportQuerySchema.extend({ assignmentId: idSchema, returned: flag });

/** GET /sections/<id>/grades.csv?returned=1&bom=1: every assignment's totals, returned ones only if asked. */
export const sectionExportSchema = exportQuerySchema.pick({ sectionId: true, bom: true }).extend({ returned: flag });

/** GET /sections/<id>/roster.csv?bom=1 */
export const rosterExportSchema = exportQuerySchema.pick({ sectionId: true, bom: true });

/** GET /sections/<id>/erasures/<requestId>/grades.csv?bom=1: one student's record before they are erased. */
export const erasureExportSchema = exportQuerySchema.pick({ sectionId: true, bom: true }).extend({ requestId: idSchema });
