import { closeSync, fstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_LOG_MAX_BYTES, rotateLogFiles } from './log-rotation';

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  /** Values never to be written, whatever key they come under (tokens, passwords). */
  forget(secret: string): void;
  remember(secret: string): void;
  /** The same redaction as a log line gets, for text core writes elsewhere (diagnostics). */
  redact(text: string): string;
}

const SECRET_KEY = /pass(word)?|token|secret|authorization|cookie/i;
/** Bearer values, JWT-looking triples and long opaque runs are treated as secrets. */
const SECRET_SHAPES: RegExp[] = [
  /Bearer\s+\S+/gi,
  /\b[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
  /\b(?=[A-Za-z0-9_\-+/=]*\d)(?=[A-Za-z0-9_\-+/=]*[A-Za-z])[A-Za-z0-9_\-+/=]{32,}\b/g,
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.[0-9a-z]+)?$/i;

export function redactText(text: string, known: Iterable<string> = []): string {
  let out = text;
  for (const secret of known) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  // UUIDs (outbox ids) are identifiers, not secrets: the log needs them to follow an entry.
  for (const shape of SECRET_SHAPES) out = out.replace(shape, (match) => (UUID.test(match) ? match : '[redacted]'));
  return out;
}

function redactData(value: unknown, known: Set<string>, depth = 0): unknown {
  if (depth > 4) return '[…]';
  if (typeof value === 'string') return redactText(value, known);
  if (Array.isArray(value)) return value.map((item) => redactData(item, known, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) ? '[redacted]' : redactData(item, known, depth + 1);
    }
    return out;
  }
  return value;
}

/**
 * Log lines go to `<dataDir>/logs/core.log` (or the shell's sink). Every line passes through the
 * redactor, so a careless caller cannot leak a token or a temporary password into the file.
 */
export function createLogger(
  sink: string | ((line: string) => void),
  now: () => Date = () => new Date(),
  options: { maxBytes?: number } = {},
): Logger {
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const known = new Set<string>();
  let write: (line: string) => void;
  if (typeof sink === 'string') {
    mkdirSync(dirname(sink), { recursive: true });
    // Kept open while lines keep coming: an open + close per line (appendFileSync) was most of
    // the cost of a line, and a replay logs two per entry. Each line is still one write()
    // straight to the file; the file is closed after a second without lines.
    let fd: number | null = null;
    let size = 0;
    let idle: NodeJS.Timeout | null = null;
    const closeIdle = () => {
      idle = null;
      if (fd === null) return;
      try {
        closeSync(fd);
      } catch {
        // already gone
      }
      fd = null;
    };
    write = (line) => {
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          if (fd === null) {
            fd = openSync(sink, 'a', 0o600);
            size = fstatSync(fd).size;
          }
          // Rotated by size (issue 15): the folder stays bounded however long the console runs.
          if (size > 0 && size + line.length + 1 > maxBytes) {
            closeSync(fd);
            rotateLogFiles(sink);
            fd = openSync(sink, 'a', 0o600);
            size = 0;
          }
          size += writeSync(fd, line + '\n');
          if (!idle) {
            idle = setTimeout(closeIdle, 1000);
            idle.unref();
          }
          return;
        } catch {
          // A full disk must not break a command; the log is best effort. Open afresh once
          // (the folder may have been removed meanwhile), then give up on this line.
          if (fd !== null) {
            try {
              closeSync(fd);
            } catch {
              // already gone
            }
          }
          fd = null;
          try {
            mkdirSync(dirname(sink), { recursive: true });
          } catch {
            return;
          }
        }
      }
    };
  } else {
    write = sink;
  }
  const line = (level: string, message: string, data?: Record<string, unknown>) => {
    const text = `${now().toISOString()} ${level} ${redactText(message, known)}${data ? ' ' + JSON.stringify(redactData(data, known)) : ''}`;
    write(text);
  };
  return {
    info: (message, data) => line('INFO', message, data),
    warn: (message, data) => line('WARN', message, data),
    error: (message, data) => line('ERROR', message, data),
    remember: (secret) => {
      if (secret) known.add(secret);
    },
    forget: (secret) => {
      known.delete(secret);
    },
    redact: (text) => redactText(text, known),
  };
}
