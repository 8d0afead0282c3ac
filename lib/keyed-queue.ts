/** The last task queued for each key: the next one with that key starts once it has ended. */
const tails = new Map<string, Promise<void>>();

/**
 * Runs tasks that share a key one after another, in this process; tasks with other keys run as
 * they come. For short write transactions on one hot row (a count per school address): on
 * PostgreSQL, many serializable transactions writing the same row at once mostly fail and retry,
 * and can run out of retries, whereas in a queue each finds the row free. It orders this process
 * only: between app instances the database's own retries still settle the (rarer) race. A task's
 * failure is its caller's, and does not stop the tasks after it.
 */
export async function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const run = (tails.get(key) ?? Promise.resolve()).then(task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    // The map keeps only keys with tasks still to come.
    if (tails.get(key) === tail) tails.delete(key);
  }
}
