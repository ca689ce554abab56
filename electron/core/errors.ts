import { ConsoleError, type ConsoleErrorShape, type ErrorCode, type FieldError } from '../../shared/contract/errors';
import { NexusApiError, NexusNetworkError, NexusResponseError } from './nexus-client/nexus-api-error';

export function consoleError(code: ErrorCode, message: string, fields?: FieldError[]): ConsoleError {
  return new ConsoleError({ code, message, ...(fields ? { fields } : {}) });
}

export const notSignedIn = () => consoleError('not_signed_in', 'Sign in first.');
export const noOrgSelected = () => consoleError('no_org_selected', 'Choose an organisation first.');
export const notFound = (what = 'That member') => consoleError('not_found', `${what} was not found.`);
export const offlineError = () =>
  consoleError('offline', 'The server cannot be reached right now. Try again when you are back online.');

/**
 * Turns anything thrown inside core into the `{ code, message, fields? }` that crosses IPC. Only
 * messages core wrote itself or the server's `detail` pass through; anything unexpected becomes a
 * generic sentence, so a stack or a secret inside a library's message never reaches the page.
 */
export function toConsoleErrorShape(error: unknown): ConsoleErrorShape {
  if (error instanceof ConsoleError) return error.toJSON();
  if (error instanceof NexusApiError) {
    return {
      code: error.code,
      message: error.detail,
      ...(error.fields?.length ? { fields: error.fields } : {}),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  }
  if (error instanceof NexusNetworkError) {
    return error.kind === 'unreachable'
      ? {
          code: 'server_unreachable',
          message: 'The server cannot be reached. Check the address and your network connection, then try again.',
        }
      : { code: 'no_answer', message: 'The server did not answer. Try again in a moment.' };
  }
  if (error instanceof NexusResponseError)
    return { code: 'internal_error', message: 'The server sent an answer the console does not understand.' };
  return { code: 'internal_error', message: 'Something went wrong inside the console. The details are in the log.' };
}
