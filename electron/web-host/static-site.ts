import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';
import { assetPathFromUrlPath, contentTypeOf } from '../../shared/shell/asset-path';
import { BRIDGE_SCRIPT_PATH } from './bridge-protocol';

/**
 * Serves the renderer's browser build with the security headers, plus the bridge script, which
 * index.html loads before any of its own scripts.
 */
export async function staticSite(input: { dir: string; bridgeFile: string; headers: Record<string, string> }) {
  const root = resolve(input.dir);
  const bridgeTag = `<script src=".${BRIDGE_SCRIPT_PATH}"></script>`;
  // Read per request, not once: a rebuild may replace the folder under a running host, and the
  // page must then get the index.html that matches the assets on disk.
  const index = async () => {
    const raw = await readFile(resolve(root, 'index.html'), 'utf8');
    // Before the first script, so `window.nexus` exists when the renderer's module starts.
    const firstScript = raw.indexOf('<script');
    return firstScript >= 0
      ? `${raw.slice(0, firstScript)}${bridgeTag}\n    ${raw.slice(firstScript)}`
      : raw.replace('</head>', `  ${bridgeTag}\n  </head>`);
  };
  await index();

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', cache = 'no-store') => {
      response.writeHead(status, { ...input.headers, 'Content-Type': type, 'Cache-Control': cache });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'Method not allowed');
    const pathname = new URL(request.url ?? '/', 'http://host').pathname;
    const relative = assetPathFromUrlPath(pathname);
    if (relative === null) return send(400, 'Bad request');
    if (relative === 'index.html') return send(200, await index(), contentTypeOf('index.html'));
    if (`/${relative}` === BRIDGE_SCRIPT_PATH) {
      return send(200, await readFile(input.bridgeFile), contentTypeOf(BRIDGE_SCRIPT_PATH), 'no-cache');
    }
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
