import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { assetPathFromUrlPath, contentTypeOf } from '../../shared/shell/asset-path';
import { contentSecurityPolicy, securityHeaders } from '../../shared/shell/content-security-policy';
import { APP_HOST } from './app-origin';

/**
 * The `app://nexus/` protocol handler: serves the built renderer (out/renderer) with the CSP and
 * security headers, GET only, and never a file outside the renderer folder. Pure over
 * `Request`/`Response` so it is tested without Electron.
 */
export function appProtocolHandler(input: {
  rendererDir: string;
  read?: (path: string) => Promise<Uint8Array>;
}): (request: Request) => Promise<Response> {
  const root = resolve(input.rendererDir);
  const read = input.read ?? ((path: string) => readFile(path));
  const headers = securityHeaders(contentSecurityPolicy());

  return async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers });
    }
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404, headers });
    const relative = assetPathFromUrlPath(url.pathname);
    if (relative === null) return new Response('Bad request', { status: 400, headers });
    const file = resolve(root, relative);
    if (!file.startsWith(root + sep)) return new Response('Bad request', { status: 400, headers });
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: { ...headers, 'Content-Type': contentTypeOf(file), 'Cache-Control': 'no-cache' },
    });
  };
}
