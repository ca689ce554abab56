import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A plain HTTP forwarder in front of the sandbox that can hold requests back, so a spec sees the
 * console mid-sync (e.g. "Sending 3 of 6") without timers: the requests `matches` picks, after
 * the first `passFirst` of them, wait until `release()`. Listens on `port` (the console's server
 * URL), forwards to `target`.
 */
export async function startHoldProxy(options: {
  port: number;
  target: string;
  matches(req: IncomingMessage): boolean;
  passFirst: number;
}): Promise<{ held(): number; release(): void; close(): Promise<void> }> {
  const target = new URL(options.target);
  const waiting: (() => void)[] = [];
  let released = false;
  let seen = 0;
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  const server = createServer((req, res) => {
    const hold = options.matches(req) && ++seen > options.passFirst;
    if (hold && !released) {
      req.pause();
      waiting.push(() => {
        req.resume();
        forward(req, res);
      });
    } else forward(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  if ((server.address() as AddressInfo).port !== options.port) throw new Error('hold proxy: wrong port');
  return {
    held: () => waiting.length,
    release() {
      released = true;
      for (const go of waiting.splice(0)) go();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
