import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import sharp from "sharp";
import { processImageBytes } from "../../lib/server/image-pipeline.mjs";
import { PIPELINE_LIMITS } from "../../lib/server/images";
import { percentile, request } from "./http";
import { sessionCookie, summarize } from "./measure";
import { uploadPath } from "./routes";
import type { School } from "./school";
import { cpuMs, ownCpuMs, processTree, rssBytes, type Server } from "./server";

/**
 * A class uploading its photos at once: ROUNDS rounds of UPLOADERS students, each posting the same
 * ~2 MB camera-sized JPEG at the same moment, while the server's resident memory is sampled every
 * 100 ms. Then how far memory comes back down once it is idle again. Meant for a freshly started
 * server: one upload first (another student's) loads the route, then the idle level is taken, once
 * the server is back to one process (image workers exit when idle: lib/server/image-workers.ts).
 */

const UPLOADERS = 200;
const ROUNDS = 2;
const SETTLE_SECONDS = 5;
const LONG_SETTLE_SECONDS = 15;
/** The longest wait for the server's image workers to exit before the idle level is taken. */
const WORKERS_EXIT_SECONDS = 30;

/**
 * A 3000×2000 photo-like JPEG (quality 85) from gradients, waves and seeded noise: ~2 MB, as a
 * phone camera's. Marked "rotate 90°", as a phone held upright marks its photos.
 */
export async function makePhoto(): Promise<Buffer> {
  const width = 3000;
  const height = 2000;
  const pixels = new Uint8ClampedArray(width * height * 3);
  let seed = 42;
  const noise = () => {
    // mulberry32: the same photo every run
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5) * 48;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const n = noise();
      pixels[i] = 60 + (150 * x) / width + 40 * Math.sin(y / 90) + n;
      pixels[i + 1] = 90 + (120 * y) / height + 30 * Math.sin((x + y) / 140) + n;
      pixels[i + 2] = 180 - (100 * x) / width + 25 * Math.cos(x / 60) + n;
    }
  }
  return sharp(Buffer.from(pixels.buffer), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

type UploadRound = {
  uploads: number;
  errors: string;
  errorCount: number;
  p50: number;
  p95: number;
  seconds: number;
  cpuMsPerUpload: number;
  /** Of cpuMsPerUpload, the server process's own: receiving, storing and answering (the rest is its image worker's). */
  serverCpuMsPerUpload: number;
  peakRss: number;
  /** The most processes the server had at once (itself and its image worker), all in peakRss and the CPU. */
  processes: number;
  /** SETTLE_SECONDS after the last answer. */
  settledRss: number;
};

export type UploadFigures = { photoBytes: number; idleRss: number; rounds: UploadRound[]; finalRss: number; finalAfterSeconds: number };

export async function measureUploads(server: Server, school: School, photo: Buffer): Promise<UploadFigures> {
  const students = school.canUpload.slice(0, UPLOADERS + 1);
  if (students.length <= UPLOADERS) throw new Error(`only ${students.length} students can upload; the class needs ${UPLOADERS + 1}`);
  const cookies = await Promise.all(students.map((s) => sessionCookie(server.authSecret, s)));
  const url = server.origin + uploadPath(school);
  const boundary = "----recap-bench-photo";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="IMG_0001.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const upload = (cookie: string, agent?: http.Agent) =>
    request(url, {
      method: "POST",
      agent,
      headers: {
        cookie,
        origin: server.origin,
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(head.length + photo.length + tail.length),
      },
      body: [head, photo, tail],
    });

  const warmUp = await upload(cookies.pop()!);
  if (warmUp.status !== 201) throw new Error(`the warm-up upload answered ${warmUp.status}`);
  // Idle means idle: not while a worker started by the warm-up still holds its memory.
  for (let waited = 0; processTree(server.pid).length > 1 && waited < WORKERS_EXIT_SECONDS; waited++) await sleep(1000);
  await sleep(SETTLE_SECONDS * 1000);
  const idleRss = rssBytes(server.pid);
  const rounds: UploadRound[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let peakRss = rssBytes(server.pid);
    let processes = 1;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssBytes(server.pid));
      processes = Math.max(processes, processTree(server.pid).length);
    }, 100);
    const cpuBefore = cpuMs(server.pid);
    const ownBefore = ownCpuMs(server.pid);
    const started = performance.now();
    // One connection each, all at once, as 200 phones would.
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    const replies = await Promise.all(
      cookies.map((cookie) => upload(cookie, agent).catch((error: Error) => ({ status: 0, ms: NaN, error: error.message }))),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuMs(server.pid) - cpuBefore;
    const own = ownCpuMs(server.pid) - ownBefore;
    await sleep(SETTLE_SECONDS * 1000);
    clearInterval(sampler);
    const failures = replies.filter((r) => r.status !== 201).map((r) => ("error" in r ? r.error : `HTTP ${r.status}`));
    const latencies = replies.filter((r) => r.status === 201).map((r) => r.ms);
    rounds.push({
      uploads: replies.length,
      errors: summarize(failures),
      errorCount: failures.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      seconds,
      cpuMsPerUpload: cpu / replies.length,
      serverCpuMsPerUpload: own / replies.length,
      peakRss,
      processes,
      settledRss: rssBytes(server.pid),
    });
  }
  await sleep(LONG_SETTLE_SECONDS * 1000);
  return {
    photoBytes: photo.length,
    idleRss,
    rounds,
    finalRss: rssBytes(server.pid),
    finalAfterSeconds: SETTLE_SECONDS + LONG_SETTLE_SECONDS,
  };
}

/** The figures as text, for `npm run bench -- --only=uploads`. */
export function describeUploads(figures: UploadFigures): string {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `Photo ${(figures.photoBytes / 1024 / 1024).toFixed(1)} MB; idle before the rounds: ${mb(figures.idleRss)}.`,
    ...figures.rounds.map(
      (r, i) =>
        `Round ${i + 1}: ${r.uploads} uploads, errors ${r.errorCount ? r.errors : 0}, p50 ${s(r.p50)}, p95 ${s(r.p95)}, ` +
        `all done in ${r.seconds.toFixed(1)} s, CPU / upload ${r.cpuMsPerUpload.toFixed(0)} ms ` +
        `(server ${r.serverCpuMsPerUpload.toFixed(0)}, image worker ${(r.cpuMsPerUpload - r.serverCpuMsPerUpload).toFixed(0)}), peak RSS ${mb(r.peakRss)} ` +
        `(${r.processes} process${r.processes === 1 ? "" : "es"}), ${SETTLE_SECONDS} s after ${mb(r.settledRss)}.`,
    ),
    `RSS ${figures.finalAfterSeconds} s after the last round: ${mb(figures.finalRss)}.`,
  ].join("\n");
}

const PIPELINE_RUNS = 15;

export type PipelineFigures = {
  runs: number;
  /** Median CPU of each of the pipeline's stages, in its order (lib/server/image-pipeline.mjs). */
  stages: { name: string; ms: number }[];
  totalMs: number;
  /** Of the "decode, upright, scale" stage: the JPEG decode alone, and the decode with the turn upright. */
  decodeMs: number;
  decodeUprightMs: number;
};

/**
 * Where an upload's image processing goes: the worker's pipeline run here, in this process, on the
 * bench's photo, PIPELINE_RUNS times, each stage's CPU (all threads) taken as it ends; medians.
 */
export async function measurePipeline(photo: Buffer): Promise<PipelineFigures> {
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const timed = async (work: () => Promise<unknown>) => {
    const start = cpu();
    await work();
    return cpu() - start;
  };
  const byStage = new Map<string, number[]>();
  const totals: number[] = [];
  const decodes: number[] = [];
  const uprights: number[] = [];
  // The last row only: the whole JPEG is decoded (and turned) to reach it, nothing is scaled or kept.
  const { height = 0, width = 0, orientation = 1 } = await sharp(photo).metadata();
  const lastRow = (turned: boolean) => {
    const image = sharp(photo, { failOn: "warning" });
    const rows = turned && orientation >= 5 ? width : height;
    return (turned ? image.rotate() : image)
      .extract({ left: 0, top: rows - 1, width: 1, height: 1 })
      .raw()
      .toBuffer();
  };
  for (let run = -1; run < PIPELINE_RUNS; run++) {
    let last = cpu();
    const start = last;
    await processImageBytes(new Uint8Array(photo), PIPELINE_LIMITS, (stage) => {
      const now = cpu();
      if (run >= 0) byStage.set(stage, [...(byStage.get(stage) ?? []), now - last]);
      last = now;
    });
    const decode = await timed(() => lastRow(false));
    const upright = await timed(() => lastRow(true));
    if (run < 0) continue; // the first run warms up
    totals.push(last - start);
    decodes.push(decode);
    uprights.push(upright);
  }
  return {
    runs: PIPELINE_RUNS,
    stages: [...byStage].map(([name, values]) => ({ name, ms: median(values) })),
    totalMs: median(totals),
    decodeMs: median(decodes),
    decodeUprightMs: median(uprights),
  };
}

/** The figures as one paragraph. */
export function describePipeline(p: PipelineFigures): string {
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  return (
    `Where the image worker's CPU goes, per photo (the pipeline run in the bench's own process, median of ${p.runs}): ` +
    `${p.stages.map((s) => `${s.name} ${ms(s.ms)}`).join(", ")}; ${ms(p.totalMs)} in all. Of the second stage, decoding ` +
    `the JPEG alone takes ${ms(p.decodeMs)}, and turning it upright ${ms(p.decodeUprightMs - p.decodeMs)} more; the rest is ` +
    "scaling it to 1080 pixels on its shorter side."
  );
}
