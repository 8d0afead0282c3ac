/**
 * The client's network address, as the app's own HTTP server (scripts/server.mjs) saw it.
 *
 * Next.js gives route handlers and server actions no socket, and a client can send any
 * X-Forwarded-For it likes. So the server stamps every request with the address it trusts (the
 * socket's peer, or with TRUST_PROXY the address the proxy reports) under CLIENT_ADDRESS_HEADER,
 * after deleting whatever the client sent under that name, together with a per-process token. A
 * header without the right token (the app was started some other way, or someone forged it) is
 * ignored and every caller shares the address "unknown".
 */
export const CLIENT_ADDRESS_HEADER = "x-recap-client-address";
export const EDGE_TOKEN_HEADER = "x-recap-edge-token";
/** Set by the server at start-up to a random value; never configured by hand. */
export const EDGE_TOKEN_ENV = "RECAP_EDGE_TOKEN";

export const UNKNOWN_ADDRESS = "unknown";

export function clientAddress(headers: Pick<Headers, "get">, env: Record<string, string | undefined> = process.env): string {
  const token = env[EDGE_TOKEN_ENV];
  if (!token || headers.get(EDGE_TOKEN_HEADER) !== token) return UNKNOWN_ADDRESS;
  const address = headers.get(CLIENT_ADDRESS_HEADER)?.trim();
  // An address is at most 45 characters (IPv6 with an embedded IPv4); anything else is not one.
  return address && address.length <= 45 && /^[0-9a-fA-F:.]+$/.test(address) ? address : UNKNOWN_ADDRESS;
}
