// The part of the `compression` middleware (which ships no types) that lib/server/response-compression.ts uses.
declare module "compression" {
  import type { IncomingMessage, ServerResponse } from "node:http";
  import type { BrotliOptions, ZlibOptions } from "node:zlib";

  type Options = ZlibOptions & {
    /** Whether this response may be compressed at all; Accept-Encoding, size and the rest are checked after it. */
    filter?: (req: IncomingMessage, res: ServerResponse) => boolean;
    /** Bodies of fewer bytes than this go out as they are, when their size is known before the headers are. */
    threshold?: number | string;
    brotli?: BrotliOptions;
  };

  /** Wraps res.write/res.end (and adds res.flush) so that the body is encoded as the client accepts. */
  export default function compression(options?: Options): (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
}
