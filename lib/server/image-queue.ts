import os from "node:os";
import "../zod-jitless";
import { z } from "zod";

/** Too many tasks are already waiting: the caller should answer "busy" rather than add to the line. */
export class QueueFull extends Error {}

/** The caller stopped waiting (its signal aborted) before its turn came; its task never ran. */
export class QueueLeft extends Error {}

type Waiter = { start: () => void; leave: () => void };

/**
 * Runs at most `concurrency` tasks at once, in the order they arrived (FIFO), with at most
 * `maxWaiting` more in line. A slot is given back however a task ends (value, throw or rejection).
 */
export class WorkQueue {
  private running = 0;
  private readonly line: Waiter[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error("concurrency must be a whole number of at least 1");
  }

  /** Tasks running now and tasks waiting for a slot. */
  get load() {
    return { running: this.running, waiting: this.line.length };
  }

  /**
   * Waits for a slot, runs `task` in it and gives the slot back. Rejects with QueueFull when the
   * line is full, and with QueueLeft when `signal` aborts while waiting (the task is not run).
   */
  async run<T>(task: () => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new QueueLeft("left before its turn"));
    if (this.running < this.concurrency && this.line.length === 0) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.line.length >= this.maxWaiting) return Promise.reject(new QueueFull("too many tasks waiting"));
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => waiter.leave();
      const waiter: Waiter = {
        // The slot passes straight from the task that ends to this one: `running` does not change.
        start: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        leave: () => {
          const index = this.line.indexOf(waiter);
          if (index >= 0) this.line.splice(index, 1);
          reject(new QueueLeft("left before its turn"));
        },
      };
      this.line.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  private release() {
    const next = this.line.shift();
    if (next) next.start();
    else this.running -= 1;
  }
}

const settingsSchema = z.object({
  // Images decoded at once. Each takes one core (sharp.concurrency(1)) and, for a 12-megapixel photo,
  // some 100 MB at its peak; the default is one per core, at most 4.
  IMAGE_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .default(() => Math.min(4, Math.max(1, os.availableParallelism()))),
  // Uploads waiting their turn (their bodies are on disk, not in memory); past it, "busy, try again".
  IMAGE_QUEUE_MAX: z.coerce.number().int().min(0).default(1000),
});

/** The queue's settings from the environment (blank means unset); throws, naming the variable, on a bad value. */
export function imageQueueSettings(env: Record<string, string | undefined>) {
  const given = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value?.trim() === "" ? undefined : value]));
  const parsed = settingsSchema.safeParse(given);
  if (parsed.success) return { concurrency: parsed.data.IMAGE_CONCURRENCY, maxWaiting: parsed.data.IMAGE_QUEUE_MAX };
  throw new Error(
    `Invalid image queue settings: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
  );
}

let shared: WorkQueue | undefined;

/** The process's one queue for decoding uploaded images, sized from the environment on first use. */
export function imageQueue(): WorkQueue {
  if (!shared) {
    const { concurrency, maxWaiting } = imageQueueSettings(process.env);
    shared = new WorkQueue(concurrency, maxWaiting);
  }
  return shared;
}
