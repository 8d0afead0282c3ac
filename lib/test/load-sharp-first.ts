/**
 * Vitest's global setup, run in its main thread: loads sharp (libvips) there before any test's worker
 * thread does. On glibc Linux a native library first loaded by a worker thread can be unloaded when
 * that thread ends while libvips's own threads still use it; sharp's install guide ("Worker threads")
 * asks for exactly this. Without it the test process now and then died with a segmentation fault at
 * exit, after every test had passed (a fresh-clone run of npm test, 1de8f44). The app itself decodes
 * images in a child process (lib/server/image-workers.ts), not in worker threads.
 */
export default async function setup() {
  await import("sharp");
}
