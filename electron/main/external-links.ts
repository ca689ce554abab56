/**
 * `shell.openExternal` only through here: https links to the configured Nexus server and to the
 * docs, nothing else (no file:, no custom schemes, no credentials in the URL). After Bitwarden's
 * "safe shell" wrapper: a compromised renderer must not be able to launch programs via URLs.
 */
export const DOCS_URL = 'https://docs.nexus-erp.example/';

export interface ExternalLinkPolicy {
  isAllowed(url: string): boolean;
}

export function externalLinkPolicy(input: {
  /** The server the admin signed in to (changes at runtime), or null. */
  serverUrl: () => string | null;
  docsUrls?: readonly string[];
}): ExternalLinkPolicy {
  const docsOrigins = (input.docsUrls ?? [DOCS_URL]).map((url) => new URL(url).origin);
  return {
    isAllowed(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
      const allowed = [...docsOrigins];
      const server = input.serverUrl();
      if (server) {
        try {
          const serverUrl = new URL(server);
          if (serverUrl.protocol === 'https:') allowed.push(serverUrl.origin);
        } catch {
          // An unparsable server URL allows nothing extra.
        }
      }
      return allowed.includes(parsed.origin);
    },
  };
}

/** Opens `url` with `openExternal` when the policy allows it; returns whether it did. */
export async function safeOpenExternal(
  url: string,
  policy: ExternalLinkPolicy,
  openExternal: (url: string) => Promise<void>,
): Promise<boolean> {
  if (!policy.isAllowed(url)) return false;
  await openExternal(new URL(url).href);
  return true;
}
