import { redirect } from "next/navigation";
import { homeFor, pageUser } from "@/lib/server/authz";

/** Where sign-in lands: each role's own start page. */
export default async function HomeRedirect() {
  const user = await pageUser();
  redirect(homeFor(user));
}
