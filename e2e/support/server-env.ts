/** The test server's Auth.js secret: the config passes it to the server, the fixtures mint sessions with it. */
export const E2E_AUTH_SECRET = "e2e-only-secret-not-for-production-0123456789";
