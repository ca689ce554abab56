import type { ProblemCode, ProblemFieldError } from '../../shared/api';
import type { z } from 'zod';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Thrown anywhere in a handler; the server turns it into an RFC 9457 problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extra: {
      errors?: ProblemFieldError[];
      headers?: Record<string, string>;
      body?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }

  toBody(): Record<string, unknown> {
    return {
      type: `https://nexus.example/problems/${this.code.replace(/_/g, '-')}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
      ...this.extra.body,
    };
  }
}

export function zodFieldErrors(error: z.ZodError): ProblemFieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

export function invalidRequest(error: z.ZodError, what = 'request body'): ApiError {
  const errors = zodFieldErrors(error);
  return new ApiError(422, 'invalid_request', `The ${what} is invalid: ${errors.map((e) => e.path).join(', ')}.`, {
    errors,
  });
}

export const notFound = (what = 'resource'): ApiError =>
  new ApiError(404, 'not_found', `No such ${what}, or you have no access to it.`);
