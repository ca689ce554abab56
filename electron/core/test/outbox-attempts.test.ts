import { describe, expect, it } from 'vitest';
import { ROLE, signIn, useSandboxCore } from './harness';

describe('outbox attempts', () => {
  const env = useSandboxCore({ signInAs: false });

  it('counts only tries the server answered, not offline waits for it', async () => {
    await signIn(env.core, env.sandbox.url);
    await env.sandbox.close();
    await env.core.call('members.invite', { email: 'waiting.one@example.com', roleId: ROLE.member });
    // Each sync while the server is unreachable tries the entry once more (every 3 s in the app).
    for (let i = 0; i < 5; i++) expect((await env.core.call('sync.now')).state).toBe('offline');
    const [entry] = (await env.core.call('outbox.list')).items;
    expect(entry).toMatchObject({ state: 'queued', attempts: 0 });
    expect(entry.lastError.message).toMatch(/reach/i);

    await env.startSandbox();
    expect(await env.core.call('sync.now')).toMatchObject({ state: 'idle', queued: 0 });
  });
});
