/**
 * What the console calls itself in `X-Nexus-Client` on every request (nexus-api.md,
 * Conventions): the server's audit log records it, so an admin can tell a change made in the
 * console from one made by a script. Keep the version equal to package.json's (a test checks).
 */
export const NEXUS_CLIENT_NAME = 'Nexus Admin/0.1.0';
