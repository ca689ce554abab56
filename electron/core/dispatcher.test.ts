import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../shared/contract/errors';
import { createDispatcher, sanitize } from './dispatcher';
import { createLogger, redactText } from './logger';
import { NexusApiError, NexusNetworkError } from './nexus-client/nexus-api-error';

const lines: string[] = [];
const logger = createLogger((line) => lines.push(line));

describe('dispatcher', () => {
  const dispatch = createDispatcher(
    {
      'sync.status': () => ({
        state: 'idle',
        lastSyncedAt: null,
        queued: 0,
        needsAttention: 0,
        progress: null,
        reason: null,
      }),
      'outbox.list': () => ({ items: 'not an array' }),
      'outbox.retry': () => {
        throw new Error('boom at /secret/path with token abcdefghijklmnopqrstuvwxyz0123456789');
      },
      'outbox.discard': () => {
        throw new NexusApiError({
          status: 409,
          code: 'already_member',
          detail: 'Already a member.',
          fields: [{ path: 'email', message: 'taken' }],
        });
      },
      'sync.now': () => {
        throw new NexusNetworkError('unreachable', 'x');
      },
      'members.get': () => {
        throw new ConsoleError({ code: 'not_found', message: 'That member was not found.' });
      },
    },
    logger,
  );

  it('answers unknown and shell-only commands with unknown_command', async () => {
    expect(await dispatch('nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(await dispatch('clipboard.copySecret', { text: 'secret' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_command' },
    });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(await dispatch('toString', {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(await dispatch('roles.list', {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } }); // no handler
  });

  it('validates output and hides unexpected errors', async () => {
    expect(await dispatch('sync.status', undefined)).toMatchObject({ ok: true, value: { state: 'idle' } });
    expect(await dispatch('outbox.list', {})).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    const hidden = await dispatch('outbox.retry', { id: 'x' });
    expect(hidden).toEqual({ ok: false, error: { code: 'internal_error', message: expect.any(String) } });
    expect(JSON.stringify(hidden)).not.toMatch(/boom|secret|abcdefghij/);
    expect(lines.join('\n')).toMatch(/boom/);
    expect(lines.join('\n')).not.toMatch(/abcdefghijklmnopqrstuvwxyz0123456789/);
  });

  it('passes server problems and console errors through as { code, message, fields }', async () => {
    expect(await dispatch('outbox.discard', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'already_member', message: 'Already a member.', fields: [{ path: 'email', message: 'taken' }] },
    });
    expect(await dispatch('sync.now', {})).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
    expect(await dispatch('members.get', { memberId: 'm' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That member was not found.' },
    });
  });

  it('drops prototype-polluting keys at every depth', () => {
    const input = JSON.parse(
      '{"a":{"__proto__":{"x":1},"b":[{"constructor":{"prototype":{"y":2}}}]},"__proto__":{"z":3}}',
    );
    const clean = sanitize(input) as { a: { b: object[] } };
    expect(Object.keys(clean)).toEqual(['a']);
    expect(Object.keys(clean.a)).toEqual(['b']);
    expect(clean.a.b[0]).toEqual({});
    expect(Object.getPrototypeOf(clean)).toBe(Object.prototype);
  });
});

describe('logger redaction', () => {
  it('redacts bearer values, long opaque strings, secret-named keys and remembered secrets', () => {
    logger.remember('Amber-Falcon-Drift-2291');
    logger.info('sent Amber-Falcon-Drift-2291 with Bearer nxa_abc123', {
      password: 'x',
      nested: { refreshToken: 'y', note: 'id nxr_0123456789abcdefghij0123456789abcd' },
    });
    const line = lines.at(-1)!;
    expect(line).not.toMatch(/Amber-Falcon|nxa_abc123|nxr_0123/);
    expect(line).toMatch(/"password":"\[redacted\]"/);
    expect(redactText('outbox 27c42a92-7961-4c1e-beaa-1ccc71e59900 ok')).toBe(
      'outbox 27c42a92-7961-4c1e-beaa-1ccc71e59900 ok',
    );
  });
});
