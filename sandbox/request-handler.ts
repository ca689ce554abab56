import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_BASE_PATH, PROBLEM_CONTENT_TYPE } from '../shared/api';
import { apiRouter } from './api-routes';
import { authenticate } from './auth/sessions';
import type { ApiResponse, SandboxContext } from './context';
import { decideFault, type Fault, type FaultPlan } from './faults';
import { parseJsonBody, readRawBody } from './http/body';
import { ApiError, notFound } from './http/problem';
import { claimInFlight, findStored, readIdempotencyKey, scopeFor } from './idempotency';
import { sandboxPages } from './sandbox-pages';
import { readNexusClient } from './audit/record-audit';

export interface HandlerOptions {
  faults: FaultPlan | null;
  timers: Set<NodeJS.Timeout>;
  quiet: boolean;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function errorResponse(error: unknown, quiet: boolean): ApiResponse {
  if (error instanceof ApiError) return { status: error.status, body: error.toBody(), headers: error.extra.headers };
  // Never a stack to the client; the operator sees it on stderr.
  if (!quiet) console.error('nexus sandbox: unexpected error', error);
  const internal = new ApiError(500, 'internal_error', 'Something went wrong in the sandbox. Try again.');
  return { status: 500, body: internal.toBody() };
}

export function send(res: ServerResponse, response: ApiResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...response.headers,
  };
  if (response.status === 413) headers.Connection = 'close';
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  headers['Content-Type'] = response.status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json; charset=utf-8';
  res.writeHead(response.status, headers).end(JSON.stringify(response.body));
}

export function createRequestHandler(ctx: SandboxContext, options: HandlerOptions) {
  const router = apiRouter();
  const pages = sandboxPages(ctx);

  function inject(fault: Fault, req: IncomingMessage, res: ServerResponse): void {
    ctx.stats.recordFault(fault.kind);
    if (fault.kind === '500') {
      const problem = new ApiError(
        500,
        'internal_error',
        'Injected fault: the sandbox failed this request on purpose.',
      );
      send(res, { status: 500, body: problem.toBody(), headers: { Connection: 'close' } });
    } else if (fault.kind === '429') {
      const problem = new ApiError(429, 'rate_limited', 'Injected fault: slow down and retry in a second.');
      send(res, { status: 429, body: problem.toBody(), headers: { 'Retry-After': '1' } });
    } else if (fault.kind === 'reset') {
      req.socket.destroy();
    } else {
      // Hold the answer past any sensible client timeout, then drop the connection.
      const timer = setTimeout(() => {
        options.timers.delete(timer);
        req.socket.destroy();
      }, options.faults?.timeoutMs ?? 15000);
      options.timers.add(timer);
      req.socket.once('close', () => {
        clearTimeout(timer);
        options.timers.delete(timer);
      });
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    ctx.stats.requests++;
    const method = req.method ?? 'GET';
    const path = url.pathname.slice(API_BASE_PATH.length) || '/';
    const match = router.match(method, path);
    if (match === null) return send(res, errorResponse(notFound('API endpoint'), options.quiet));
    if (match === 'method_not_allowed') {
      const problem = new ApiError(405, 'method_not_allowed', `${method} is not supported on ${url.pathname}.`);
      return send(res, errorResponse(problem, options.quiet));
    }
    const fault = decideFault(options.faults, path);
    if (fault?.phase === 'before') return inject(fault, req, res);

    let response: ApiResponse;
    let release: (() => void) | null = null;
    try {
      const route = match.handler;
      readNexusClient(req.headers); // a malformed client name is refused before anything happens
      const auth = route.auth === 'bearer' ? authenticate(ctx, req.headers) : null;
      const mutating = MUTATING.has(method);
      const key = mutating && route.idempotent ? readIdempotencyKey(req.headers) : null;
      const principal = auth?.userId ?? 'public';
      if (key) release = claimInFlight(ctx, principal, key);
      const raw = mutating ? await readRawBody(req) : Buffer.alloc(0);
      const body = mutating ? parseJsonBody(req, raw) : {};
      const scope = key ? scopeFor(ctx, principal, key, method, path, raw) : null;
      const stored = scope ? findStored(ctx, scope) : null;
      if (stored) {
        ctx.stats.idempotentReplays++;
        response = stored;
      } else {
        response = await route.handler(ctx, {
          method,
          path,
          params: match.params,
          query: url.searchParams,
          headers: req.headers,
          body,
          auth,
          idempotency: scope,
        });
      }
    } catch (error) {
      response = errorResponse(error, options.quiet);
    } finally {
      release?.();
    }
    if (fault?.phase === 'after') return inject(fault, req, res);
    send(res, response);
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
      if (url.pathname === API_BASE_PATH || url.pathname.startsWith(`${API_BASE_PATH}/`)) {
        await handleApi(req, res, url);
        return;
      }
      if (!(await pages(req, res, url))) send(res, errorResponse(notFound('page'), options.quiet));
    } catch (error) {
      send(res, errorResponse(error, options.quiet));
    }
  };
}
