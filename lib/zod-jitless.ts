import { config } from "zod/v4/core";

/**
 * zod compiles object parsers with `new Function` where it may, probing for that as each object
 * schema is built; the probe is caught, but a strict Content-Security-Policy still reports it as a
 * violation (ADR 011). Every module that builds schemas imports this first (`import
 * "../zod-jitless";` just above `import { z } from "zod";`, checked by lib/zod-jitless.test.ts),
 * so the option is set before any schema exists, and in the browser only on pages that load a
 * schema. (It was set in instrumentation-client.ts, which put zod's core, 5 KB gzip, into the first
 * load of every page.) Forms parse a handful of fields, so the interpreted parser costs nothing
 * anyone notices. Schemas keep importing z from zod itself: a module re-exporting z would stop the
 * bundler from dropping the parts of zod nobody uses (the lazy chunk with the forms grew from 31
 * to 89 KB gzip).
 */
config({ jitless: true });
