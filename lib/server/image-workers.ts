import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { RefusalReason } from "./image-pipeline.mjs";
import { imageQueueSettings, WorkQueue } from "./image-queue";
import type { WorkerReply, WorkerRequest, WorkerResult } from "./image-worker.mjs";

/**
 * Images are decoded in a child process (lib/server/image-worker.mjs), not in the app server: the
 * memory libvips takes for a burst of uploads (its pixel buffers, and the native heap that keeps
 * them afterwards) goes back to the system when the worker exits, which it does once idle for
 * IDLE_MS. One worker, with at most `concurrency` images in it at once (each on its own libvips
 * thread): a second process would cost more memory than it saves. A native crash on a hostile file
 * ends the worker, and fails the images in it, not the server; the next image starts a new one.
 */

/** The worker exits when it has had nothing to do for this long; starting one costs some 60 ms of CPU. */
const IDLE_MS = 10_000;

/** The worker refused the upload: `reason` says why (lib/server/image-pipeline.mjs). */
export class ImageRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    detail: string,
  ) {
    super(detail);
  }
}

/** The worker ended (crashed, was killed) before it answered. */
export class WorkerGone extends Error {}

/** What the worker is asked, without the id it is sent under (each kind of request on its own). */
export type ImageJob = WorkerRequest extends infer Request ? (Request extends unknown ? Omit<Request, "id"> : never) : never;

/** What the worker answers, its Buffers Buffers again. */
export type ImageJobResult = Omit<WorkerResult, "id" | "ok">;

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };

/** One child process and the jobs it has been sent. */
class Worker {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  /** It exited, or is exiting: no more jobs for it. */
  ended = false;

  constructor(script: string, onEnd: () => void) {
    this.child = fork(script, [], {
      serialization: "advanced",
      // Not the parent's flags (tsx, vitest: a plain .mjs needs no loader); gc() to free each
      // image's buffers as soon as it is done (lib/server/image-worker.mjs).
      execArgv: ["--expose-gc"],
      env: workerEnv(),
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (reply: WorkerReply) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      pending?.resolve(reply);
    });
    let gone = false;
    const end = (why: string) => {
      if (gone) return;
      gone = true;
      this.ended = true;
      clearTimeout(this.idleTimer);
      onEnd();
      for (const pending of this.pending.values()) pending.reject(new WorkerGone(`the image worker ${why}`));
      this.pending.clear();
    };
    this.child.on("exit", (code, signal) => end(`exited (${signal ?? `code ${code}`})`));
    this.child.on("error", (error) => end(`failed: ${error.message}`));
  }

  get pid() {
    return this.child.pid;
  }

  send(job: ImageJob): Promise<WorkerReply> {
    clearTimeout(this.idleTimer);
    this.child.ref();
    this.child.channel?.ref();
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...job, id } satisfies WorkerRequest);
    });
  }

  /** Called when a job is done: with none left, the worker keeps no one waiting and exits after `idleMs`. */
  settle(idleMs: number) {
    if (this.pending.size > 0 || this.ended) return;
    this.child.unref();
    this.child.channel?.unref();
    this.idleTimer = setTimeout(() => this.stop(), idleMs);
    this.idleTimer.unref();
  }

  /** Closes the channel; the worker exits by itself (lib/server/image-worker.mjs). */
  stop() {
    this.ended = true;
    clearTimeout(this.idleTimer);
    if (this.child.connected) this.child.disconnect();
  }
}

export class ImageWorkers {
  private worker: Worker | undefined;
  private readonly slots: WorkQueue;

  constructor(private readonly options: { concurrency: number; script: string; idleMs: number }) {
    // However many callers (the upload route's queue, the seed, tests): at most `concurrency` images at once.
    this.slots = new WorkQueue(options.concurrency, Number.POSITIVE_INFINITY);
  }

  /** The worker's process id while it runs. */
  get pid(): number | undefined {
    return this.worker?.ended ? undefined : this.worker?.pid;
  }

  /**
   * Runs the job in the worker. Rejects with ImageRefused for an upload the worker refused, with
   * WorkerGone if the worker died on it, and with an Error if processing failed for another cause.
   */
  run(job: ImageJob): Promise<ImageJobResult> {
    return this.slots.run(async () => {
      const worker = this.current();
      try {
        const reply = await worker.send(job);
        if (!reply.ok) throw reply.reason ? new ImageRefused(reply.reason, reply.detail) : new Error(`Image worker: ${reply.detail}`);
        // Structured clone turns Buffers into plain Uint8Arrays: Buffers again (views, not copies).
        const { id: _id, ok: _ok, image, thumbnail, ...rest } = reply;
        return { ...rest, image: asBuffer(image), thumbnail: asBuffer(thumbnail) };
      } finally {
        worker.settle(this.options.idleMs);
      }
    });
  }

  /** Ends the worker now (tests); the next job starts another. */
  stop() {
    this.worker?.stop();
  }

  private current(): Worker {
    if (!this.worker || this.worker.ended) {
      const worker: Worker = new Worker(this.options.script, () => {
        if (this.worker === worker) this.worker = undefined;
      });
      this.worker = worker;
    }
    return this.worker;
  }
}

/**
 * The server's environment, but glibc's own threshold for mapping large blocks: `npm start` sets a
 * low one (scripts/lib.mjs) so that a long-lived server gives memory back, which would cost the
 * worker a fifth of its CPU in page faults; the worker gives everything back when it exits.
 */
function workerEnv(): NodeJS.ProcessEnv {
  const { MALLOC_MMAP_THRESHOLD_: _threshold, ...env } = process.env;
  return env;
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

let shared: ImageWorkers | undefined;

/** The process's image worker, with as many images in it at once as IMAGE_CONCURRENCY says. */
export function imageWorkers(): ImageWorkers {
  shared ??= new ImageWorkers({
    concurrency: imageQueueSettings(process.env).concurrency,
    // Beside this file in the source tree, wherever the bundle that imports this lives: `npm start`
    // and every script run from the project folder.
    script: path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/server/image-worker.mjs"),
    idleMs: IDLE_MS,
  });
  return shared;
}
