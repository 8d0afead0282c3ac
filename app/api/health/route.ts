import { checkDatabase } from "@/db/queries/health";
import { route } from "@/lib/server/action";
import { noInputSchema } from "@/lib/validations/auth";

export const dynamic = "force-dynamic";

export const GET = route("public", noInputSchema, async () => {
  await checkDatabase();
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
});
