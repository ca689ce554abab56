import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { ApiError, invalidRequest } from './problem';

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads the whole body, refusing more than 64 KiB without buffering it. */
export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge(req);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge(req);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The rest of the body is read and dropped (not buffered) so the client, still writing, gets
 * the 413 instead of a reset connection: a 413 answered mid-upload and followed by a close made
 * the client's fetch fail with "fetch failed" under load.
 */
function tooLarge(req: IncomingMessage): ApiError {
  req.resume();
  return new ApiError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB.`);
}

/** JSON from a raw body: empty is `{}` (for body-less mutations); anything but an object is refused. */
export function parseJsonBody(req: IncomingMessage, raw: Buffer): unknown {
  if (raw.length === 0) return {};
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid_request', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(422, 'invalid_request', 'The request body must be a JSON object.', {
      errors: [{ path: '(body)', message: 'Expected an object' }],
    });
  }
  return value;
}

export function validate<T extends z.ZodType>(schema: T, value: unknown, what?: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(result.error, what);
  return result.data;
}
