import { test, expect, signIn } from "./support/fixtures";
import { findServerAction, postAction } from "./support/actions";

test("probe", async ({ page, make, consoleGuard, request }) => {
  const msgs: string[] = [];
  page.on("console", (m) => msgs.push(`${m.type()}: ${m.text()}`));
  consoleGuard.allow(/./);
  const t = await make.teacher();
  const s = await make.student();
  const sec = await make.section(t.id);
  const rename = findServerAction("renameSectionAction");
  let r = await postAction(request, rename, [{ sectionId: sec.id, name: "x" }]);
  console.log("anon", r.response.status(), r.body.slice(0, 500));
  r = await postAction(request, rename, [{ sectionId: sec.id, name: "x" }], "/sections/" + sec.id);
  console.log("anon2", r.response.status(), r.body.slice(0, 500));
  await signIn(page, s.email);
  console.log("url", page.url());
  r = await postAction(page.request, rename, [{ sectionId: sec.id, name: "x" }]);
  console.log("student", r.response.status(), r.body.slice(0, 500));
  const resp = await page.goto("/sections/" + sec.id);
  console.log("404?", resp?.status(), await page.locator("h1").textContent());
  await page.goto("/sections");
  console.log(msgs);
});
