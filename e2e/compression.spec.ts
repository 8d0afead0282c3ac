import http from "node:http";
import zlib from "node:zlib";
import { expect, signIn, test } from "./support/fixtures";
import { gradingData } from "./support/grading-data";

// Text responses are compressed when the client accepts it (lib/server/response-compression.ts), the
// streamed CSV export included, and decode to exactly what an uncompressed request gets; images are
// sent as they are. Raw HTTP here, because browsers and Playwright's request decode on their own.

type Reply = { status: number; headers: http.IncomingHttpHeaders; wireBytes: number; body: Buffer };

function get(url: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const wire: Buffer[] = [];
        res.on("data", (chunk: Buffer) => wire.push(chunk));
        res.on("end", () => {
          const raw = Buffer.concat(wire);
          const encoding = res.headers["content-encoding"];
          const body = encoding === "gzip" ? zlib.gunzipSync(raw) : encoding === "br" ? zlib.brotliDecompressSync(raw) : raw;
          resolve({ status: res.statusCode!, headers: res.headers, wireBytes: raw.length, body });
        });
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

test("the CSV export and a page arrive gzip- or brotli-encoded and decode to what a plain request gets", async ({ page, make, db }) => {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const assignment = await data.assignment(section.id);
  // A class whose detailed export is well past the size below which nothing is compressed.
  for (let i = 0; i < 25; i++) {
    const student = await make.student(`Student ${i} Compression`);
    await make.enroll(section.id, student.id);
    const work = await data.submitted(assignment, student.id, `s${i}`);
    await data.grade(
      work.id,
      teacher.id,
      { ideation: 3, copywriting: 2, design: 1, reflection: 3 },
      { feedback: `Good work, number ${i}.` },
    );
  }
  await signIn(page, teacher.email);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const origin = test.info().project.use.baseURL!;
  const csv = `${origin}/sections/${section.id}/assignments/${assignment.id}/grades.csv?comments=1`;

  const plainCsv = await get(csv, { cookie });
  expect(plainCsv.status).toBe(200);
  expect(plainCsv.headers["content-encoding"]).toBeUndefined();
  expect(plainCsv.body.toString("utf8")).toContain(`"Compression","Student 24"`);
  for (const encoding of ["gzip", "br"]) {
    const reply = await get(csv, { cookie, "accept-encoding": encoding });
    expect(reply.headers["content-encoding"]).toBe(encoding);
    expect(reply.headers.vary).toMatch(/accept-encoding/i);
    expect(reply.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(reply.body.equals(plainCsv.body)).toBe(true);
    expect(reply.wireBytes).toBeLessThan(plainCsv.body.length / 3);
  }

  // The Students list, rendered anew for each request: both are the whole document, with every student.
  const students = `${origin}/sections/${section.id}/assignments/${assignment.id}`;
  const plainPage = await get(students, { cookie });
  const gzipPage = await get(students, { cookie, "accept-encoding": "gzip" });
  expect(plainPage.headers["content-encoding"]).toBeUndefined();
  expect(gzipPage.headers["content-encoding"]).toBe("gzip");
  expect(gzipPage.headers["content-type"]).toMatch(/^text\/html/);
  expect(gzipPage.wireBytes).toBeLessThan(gzipPage.body.length / 3);
  for (const reply of [plainPage, gzipPage]) {
    const html = reply.body.toString("utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain("</html>");
    for (let i = 0; i < 25; i++) expect(html).toContain(`Student ${i} Compression`);
  }
});

test("scripts are compressed; images and the tiny health check are sent as they are", async () => {
  const origin = test.info().project.use.baseURL!;
  const signInPage = (await get(`${origin}/sign-in`, {})).body.toString("utf8");
  const script = /\/_next\/static\/[^"]+\.js/.exec(signInPage)?.[0];
  expect(script, "a script on the sign-in page").toBeDefined();
  const plainScript = await get(origin + script!, {});
  const brScript = await get(origin + script!, { "accept-encoding": "gzip, deflate, br" });
  expect(brScript.headers["content-encoding"]).toBe("br");
  expect(brScript.body.equals(plainScript.body)).toBe(true);

  const icon = await get(`${origin}/favicon.ico`, { "accept-encoding": "gzip, br" });
  expect(icon.headers["content-type"]).toMatch(/^image\//);
  expect(icon.headers["content-encoding"]).toBeUndefined();

  const health = await get(`${origin}/api/health`, { "accept-encoding": "gzip, br" });
  expect(health.headers["content-encoding"]).toBeUndefined();
  expect(JSON.parse(health.body.toString("utf8"))).toEqual({ ok: true });
});
