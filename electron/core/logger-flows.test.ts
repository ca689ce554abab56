import { describe, expect, it } from 'vitest';
import { createDispatcher } from './dispatcher';
import { createLogger } from './logger';

/**
 * The redactor forgets a password when the flow that handled it ends, instead of holding every
 * password the process ever saw (a heap dump or a long session would otherwise keep them all).
 */
const PASSWORD = 'Temp-Pass-Word-41';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger((line) => lines.push(line)) };
}

describe('logger flows', () => {
  it('a secret remembered in a flow is redacted during it and forgotten when it ends', async () => {
    const { lines, logger } = capture();
    await logger.flow(async () => {
      logger.remember(PASSWORD);
      expect(logger.remembered()).toBe(1);
      logger.warn(`create failed for ${PASSWORD}`);
    });
    expect(lines.join('\n')).not.toContain(PASSWORD);
    expect(logger.remembered()).toBe(0);
  });

  it('a flow that throws forgets too', async () => {
    const { logger } = capture();
    await expect(
      logger.flow(async () => {
        logger.remember(PASSWORD);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(logger.remembered()).toBe(0);
  });

  it('two flows with the same secret: it stays redacted until the last one ends', async () => {
    const { lines, logger } = capture();
    let releaseFirst!: () => void;
    const first = logger.flow(async () => {
      logger.remember(PASSWORD);
      await new Promise<void>((resolve) => (releaseFirst = resolve));
    });
    await logger.flow(async () => {
      logger.remember(PASSWORD);
    });
    logger.info(`still running: ${PASSWORD}`);
    releaseFirst();
    await first;
    expect(lines.join('\n')).not.toContain(PASSWORD);
    expect(logger.remembered()).toBe(0);
  });

  it('lasting secrets (the session tokens) stay until forgotten', async () => {
    const { logger } = capture();
    await logger.flow(async () => logger.rememberLasting('refresh-token-value-1'));
    expect(logger.remembered()).toBe(1);
    logger.forget('refresh-token-value-1');
    expect(logger.remembered()).toBe(0);
  });

  it('each command is a flow: the password a handler handled is forgotten once it answered', async () => {
    const { lines, logger } = capture();
    const dispatch = createDispatcher(
      {
        'members.setPassword': async (input) => {
          logger.remember(input.password);
          throw new Error(`library said: bad ${input.password}`);
        },
      },
      logger,
    );
    const result = await dispatch('members.setPassword', {
      memberId: 'mem_1',
      password: PASSWORD,
      reason: 'change',
    });
    expect(result.ok).toBe(false);
    expect(lines.join('\n')).toContain('command failed');
    expect(lines.join('\n')).not.toContain(PASSWORD);
    expect(logger.remembered()).toBe(0);
  });
});
