import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE } from '../../shared/api';
import { ApiError } from './problem';

/**
 * Requests Node's HTTP parser refuses before any handler runs (headers over its 16 KiB limit, a
 * malformed request line) get a problem document like every other refusal, instead of Node's
 * bare `431` / `400` with no body: clients branch on `code`, and the endpoint fuzzer checks it.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const problem = tooLarge
    ? new ApiError(431, 'invalid_request', 'The request headers are too large (16 KiB at most).')
    : new ApiError(400, 'invalid_request', 'The request could not be read as HTTP.');
  const body = JSON.stringify(problem.toBody());
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
