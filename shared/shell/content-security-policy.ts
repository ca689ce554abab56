/**
 * The one Content-Security-Policy of the console, for the `app://` protocol (Electron), the
 * browser host's responses and the `<meta>` tag in the built index.html. Scripts only from the
 * app itself; styles also inline because Mantine injects its CSS variables as a `<style>` tag.
 */
export interface CspOptions {
  /** Extra `connect-src` sources: the browser host adds its own `ws://127.0.0.1:PORT`. */
  connectSrc?: readonly string[];
  /** `frame-ancestors` only works as a header, so the `<meta>` variant leaves it out. */
  forMeta?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...(options.connectSrc ?? [])]],
    ['manifest-src', ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['object-src', ["'none'"]],
    ['worker-src', ["'none'"]],
  ];
  if (!options.forMeta) directives.push(['frame-ancestors', ["'none'"]]);
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Response headers both shells send with every page and asset. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
  };
}
