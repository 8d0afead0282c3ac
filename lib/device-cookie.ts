import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The "known device" cookie (OWASP's device-cookie defence against lockout): after a successful
 * sign-in the browser gets a random device id bound to the account's email by an HMAC. A later
 * sign-in for that email from that browser is throttled on its own (lib/sign-in-throttle.ts), so
 * failures by anyone else can't lock the owner out of a device they have used.
 */
export const DEVICE_COOKIE = "recap-device";
export const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

const mac = (secret: string, email: string, id: string) =>
  createHmac("sha256", secret).update(`device\n${email}\n${id}`).digest("base64url");

export function issueDeviceToken(email: string, secret: string): string {
  const id = randomBytes(16).toString("base64url");
  return `${id}.${mac(secret, email, id)}`;
}

/** The device id, if the token was issued for this email with this secret; otherwise null. */
export function verifyDeviceToken(token: string | undefined, email: string, secret: string | undefined): string | null {
  if (!token || !secret || token.length > 200) return null;
  const [id, given] = token.split(".");
  if (!id || !given || !/^[\w-]+$/.test(id)) return null;
  const expected = Buffer.from(mac(secret, email, id));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? id : null;
}

/** The verified device id for this email from a request's Cookie header, if there is one. */
export function deviceFrom(headers: Pick<Headers, "get">, email: string, secret = process.env.AUTH_SECRET): string | null {
  const cookie = headers.get("cookie") ?? "";
  const token = cookie
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${DEVICE_COOKIE}=`))
    ?.slice(DEVICE_COOKIE.length + 1);
  return verifyDeviceToken(token, email, secret);
}
