import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';
import { assetPathFromUrlPath, contentTypeOf } from '../../shared/shell/asset-path';
import { BRIDGE_SCRIPT_PATH } from './bridge-protocol';

/**
 * Serves the renderer's browser build with the security headers. index.html gets the bridge
 * script as the first thing in <head>, so `window.nexus` exists before the renderer's module runs.
 */
export async function staticSite(input: { dir: string; headers: Record<string, string> }) {
  const root = resolve(input.dir);
  const rawIndex = await readFile(resolve(root, 'index.html'), 'utf8');
  const bridgeTag = `<script src=".${BRIDGE_SCRIPT_PATH}"></script>`;
  // Before the first script, so `window.nexus` exists when the renderer's module starts.
  const firstScript = rawIndex.indexOf('<script');
  const index =
    firstScript >= 0
      ? `${rawIndex.slice(0, firstScript)}${bridgeTag}\n    ${rawIndex.slice(firstScript)}`
      : rawIndex.replace('</head>', `  ${bridgeTag}\n  </head>`);

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', cache = 'no-store') => {
      response.writeHead(status, { ...input.headers, 'Content-Type': type, 'Cache-Control': cache });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'Method not allowed');
    const pathname = new URL(request.url ?? '/', 'http://host').pathname;
    const relative = assetPathFromUrlPath(pathname);
    if (relative === null) return send(400, 'Bad request');
    if (relative === 'index.html') return send(200, index, contentTypeOf('index.html'));
    const file = resolve(root, relative);
    if (!file.startsWith(root + sep)) return send(400, 'Bad request');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(404, 'Not found');
    }
    const immutable = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return send(200, body, contentTypeOf(file), immutable);
  };
}
