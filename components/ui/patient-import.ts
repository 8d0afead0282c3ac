/** How many times a fetch may fail while the browser says it is online, before it counts as gone. */
const ONLINE_ATTEMPTS = 4;

/**
 * Code that a page fetches after its first load (a later step, a dialog, the toaster), over a
 * school's network, which drops. `patient(load)` gives a loader that settles with the module only:
 * - a failed fetch is tried again as soon as the browser says it is back online, else after 1, 2,
 *   4… seconds (at most 30);
 * - offline, it waits for the network however long that takes (the page shows its "Loading…");
 * - online, it gives up after ONLINE_ATTEMPTS failures, with the import's own error: a chunk
 *   that is gone (a new release since the page loaded) comes back only with a reload, which the
 *   error page offers.
 *
 * The loader is shared: one fetch for everyone who asks, forgotten again if it gives up.
 */
export function patient<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= retry(load).catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

async function retry<T>(load: () => Promise<T>): Promise<T> {
  for (let failedOnline = 0, wait = 1_000; ; wait = Math.min(wait * 2, 30_000)) {
    try {
      return await load();
    } catch (error) {
      if (navigator.onLine && ++failedOnline >= ONLINE_ATTEMPTS) throw error;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        window.removeEventListener("online", done);
        resolve();
      };
      const timer = setTimeout(done, wait);
      window.addEventListener("online", done);
    });
  }
}

/** For a fetch ahead of use: its failure is no error (whoever uses the module asks again). */
export function ahead(load: () => Promise<unknown>) {
  load().catch(() => {});
}
