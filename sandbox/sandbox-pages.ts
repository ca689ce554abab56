import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from './context';
import { readRawBody } from './http/body';
import { ApiError } from './http/problem';
import { listMail } from './mail-outbox';
import { escapeHtml, page } from './pages/html';
import { renderInvitePage, submitInvitePage } from './pages/invite-page';
import { renderOutboxPage } from './pages/outbox-page';

const HTML_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, HTML_HEADERS).end(body);
}

function json(res: ServerResponse, body: unknown): void {
  res
    .writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
    .end(JSON.stringify(body));
}

/** The sandbox's own pages (never faulted): outbox, stats, the invitee's accept page. False when not one of them. */
export function sandboxPages(ctx: SandboxContext) {
  return async function (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/sandbox/outbox') {
      json(res, { items: listMail(ctx) });
      return true;
    }
    if (method === 'GET' && url.pathname === '/sandbox/outbox.html') {
      html(res, 200, renderOutboxPage(listMail(ctx)));
      return true;
    }
    if (method === 'GET' && url.pathname === '/sandbox/stats') {
      json(res, ctx.stats.snapshot());
      return true;
    }
    if (method === 'GET' && url.pathname === '/') {
      html(
        res,
        200,
        page(
          'Nexus sandbox',
          `<h1>Nexus sandbox</h1><p>The local Nexus API is at <code>${escapeHtml('/api/v1')}</code>.</p><p><a href="/sandbox/outbox.html">Mail outbox</a></p>`,
        ),
      );
      return true;
    }
    const invite = /^\/invite\/([^/]+)$/.exec(url.pathname);
    if (!invite) return false;
    let token: string;
    try {
      token = decodeURIComponent(invite[1]!);
    } catch {
      return false;
    }
    if (method === 'GET') {
      const result = renderInvitePage(ctx, token);
      html(res, result.status, result.html);
      return true;
    }
    if (method === 'POST') {
      let form: URLSearchParams;
      try {
        form = new URLSearchParams((await readRawBody(req)).toString('utf8'));
      } catch (error) {
        if (error instanceof ApiError) {
          res.setHeader('Connection', 'close');
          html(res, error.status, page('Request too large', `<h1>${escapeHtml(error.detail)}</h1>`));
          return true;
        }
        throw error;
      }
      const result = await submitInvitePage(ctx, token, form);
      html(res, result.status, result.html);
      return true;
    }
    return false;
  };
}
