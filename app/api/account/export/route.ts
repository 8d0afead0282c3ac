import "../../../../lib/zod-jitless";
import { z } from "zod";
import { exportPersonalData } from "@/db/queries/privacy";
import { route } from "@/lib/server/action";
import { personalDataResponse } from "@/lib/server/privacy";

export const dynamic = "force-dynamic";

/**
 * "Download my data": everything the app holds about the signed-in account, as a ZIP streamed to
 * the browser. A teacher waiting for approval, or refused it, may download theirs too ("own").
 */
export const GET = route("own", z.object({}), async (_input, user) => personalDataResponse(await exportPersonalData(user, "own")));
