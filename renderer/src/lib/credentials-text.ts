/** What **Copy** (both) puts on the clipboard: everything a new user needs to sign in. */
export function credentialsText(email: string, password: string, serverUrl: string | null): string {
  const lines = [`Email: ${email}`, `Temporary password: ${password}`];
  if (serverUrl) lines.push(`Sign in at: ${serverUrl}`);
  return lines.join('\n');
}
