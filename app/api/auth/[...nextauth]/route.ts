import { handlers } from "@/lib/server/auth";

// Auth.js's own endpoints (session, CSRF token, sign-out). Sign-in itself runs in a server action.
export const { GET, POST } = handlers;
