/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build directory lets a local check build without disturbing a running server.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // better-sqlite3 and sharp are native modules: load them from node_modules at run time.
  // satori loads its WebAssembly (layout, text shaping) itself, and resvg is native: they too run
  // from node_modules.
  serverExternalPackages: ["better-sqlite3", "sharp", "@node-rs/argon2", "satori", "@resvg/resvg-js"],
  // `next dev` on 127.0.0.1 never hydrates without this.
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  compress: false, // scripts/server.mjs compresses (lib/server/response-compression.ts); Next.js skips route handlers
  // The server (scripts/server.mjs) refuses action bodies over this before Next.js reads them; both
  // say 1 MB (BODY_LIMITS.action in lib/server/request-edge.ts; its test checks they agree).
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
  typedRoutes: false,
  // npm test has just run `tsc --noEmit` over the same files, and passed, when it sets this
  // (scripts/test.mjs): its build need not check them a second time (20-40 s on two cores).
  typescript: { ignoreBuildErrors: process.env.RECAP_TYPES_CHECKED === "1" },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
