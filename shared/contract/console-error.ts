/**
 * The error envelope's class and types, free of zod, so the bridges can build and throw it
 * before the contract's schemas are loaded. The schema that reads an unknown value as this shape
 * (`consoleErrorSchema`) stays in `errors.ts`, which re-exports everything here.
 */
// Type aliases, not interfaces: like the `z.infer` types they replace, they fit `Record<string, unknown>`.
export type FieldError = {
  path: string;
  message: string;
};

export type ConsoleErrorShape = {
  code: string;
  message: string;
  fields?: FieldError[] | undefined;
  /** Seconds to wait before trying again (throttled sign-in, rate limits). */
  retryAfterSeconds?: number | undefined;
};

/** Thrown inside core and in the renderer's client; serialised with `toJSON` at the boundary. */
export class ConsoleError extends Error {
  readonly code: string;
  readonly fields: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(shape: ConsoleErrorShape) {
    super(shape.message);
    this.name = 'ConsoleError';
    this.code = shape.code;
    this.fields = shape.fields;
    this.retryAfterSeconds = shape.retryAfterSeconds;
  }

  toJSON(): ConsoleErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
    };
  }
}

/** The one envelope every command answers with, over IPC and over the browser host's socket. */
export type CommandResult<T> = { ok: true; value: T } | { ok: false; error: ConsoleErrorShape };
