/**
 * Where the console may send a password or a token. Over the network only with TLS: `https:` is
 * required except for this computer's own loopback addresses (127.0.0.0/8, ::1, localhost — the
 * local sandbox), where nothing crosses a wire. A lab server without TLS can be allowed by name,
 * explicitly: `NEXUS_ALLOW_HTTP_HOSTS=lab.example.local,10.0.0.5`, or every http server by the
 * `AllowInsecureHttp` setting (the admin's own, or an organization's policy).
 */
export interface TransportPolicy {
  /** Host names (no port) that may be reached over plain http. */
  allowHttpHosts: readonly string[];
  /** Read at each check: the `AllowInsecureHttp` setting may change while the console runs. */
  allowAnyHttp?: () => boolean;
}

export const strictTransport: TransportPolicy = { allowHttpHosts: [] };

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Null when the console may talk to this server; otherwise the sentence for the admin. */
export function serverUrlRefusal(serverUrl: string, policy: TransportPolicy): string | null {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return 'Enter the server address, for example https://nexus.example.com';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return 'The server address must start with https://';
  if (isLoopbackHost(url.hostname)) return null;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (policy.allowHttpHosts.some((allowed) => allowed.toLowerCase() === host)) return null;
  if (policy.allowAnyHttp?.()) return null;
  return `Use https:// for ${url.host}: over plain http:// your password and the console's tokens would cross the network unencrypted. (Only this computer's own addresses, like localhost, may use http://; for a lab server, turn on "Allow plain http:// servers" in Settings, or an IT admin can allow it with NEXUS_ALLOW_HTTP_HOSTS.)`;
}

/** `NEXUS_ALLOW_HTTP_HOSTS=a,b` → ['a', 'b']; the shells read it and pass it to core. */
export function allowHttpHostsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return (env.NEXUS_ALLOW_HTTP_HOSTS ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter(Boolean);
}
