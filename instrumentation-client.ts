// Loaded by Next.js in the browser before any of the app's own modules. zod compiles object
// parsers with `new Function` where it may, and probes for that once; the probe is caught, but a
// strict Content-Security-Policy still reports it as a violation (ADR 011). Forms parse a handful
// of fields, so the interpreted parser costs nothing anyone notices.
import { config } from "zod/v4/core";

config({ jitless: true });
