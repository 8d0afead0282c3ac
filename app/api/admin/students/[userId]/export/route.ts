import "../../../../../../lib/zod-jitless";
import { z } from "zod";
import { exportPersonalData } from "@/db/queries/privacy";
import { route } from "@/lib/server/action";
import { personalDataResponse } from "@/lib/server/privacy";
import { idSchema } from "@/lib/validations/common";

export const dynamic = "force-dynamic";

/** An administrator's download of a student's data (the same ZIP the student gets); 404 for anyone else or a non-student. */
export const GET = route("admin", z.object({ userId: idSchema }), async ({ userId }, user) =>
  personalDataResponse(await exportPersonalData(user, { studentId: userId })),
);
