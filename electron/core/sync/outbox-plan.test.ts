import { describe, expect, it } from 'vitest';
import type { OutboxKind, OutboxState } from '../../../shared/contract/outbox';
import { OutboxPlan, planOutbox, type Decision, type PlannedEntry } from './outbox-plan';

/** `id kind state member`: one outbox entry per line, in outbox order; its summary is its id. */
function entries(table: string): PlannedEntry[] {
  return table
    .trim()
    .split('\n')
    .map((line) => {
      const [id, kind, state, member] = line.trim().split(/\s+/);
      return {
        id: id!,
        kind: kind as OutboxKind,
        state: state as OutboxState,
        member_id: member === '-' ? null : member!,
        summary: id!,
      };
    });
}

const send: Decision = { action: 'send' };
const attention: Decision = { action: 'attention' };
const waitsFor = (summary: string | null): Decision => ({ action: 'wait', waitingFor: summary });

describe('the outbox plan at rest (what outbox.list shows)', () => {
  const cases: { name: string; table: string; expected: Record<string, Decision> }[] = [
    {
      name: 'independent entries all go',
      table: `
        a invite queued -
        b changeRole queued m1
        c remove queued m2`,
      expected: { a: send, b: send, c: send },
    },
    {
      name: 'a rejected change holds back later changes on its member only',
      table: `
        a changeRole needs_attention m1
        b remove queued m1
        c remove queued m2
        d setPassword queued m1`,
      expected: { a: attention, b: waitsFor('a'), c: send, d: waitsFor('a') },
    },
    {
      name: 'an earlier change on the member is not held back by a later rejection',
      table: `
        a changeRole queued m1
        b remove needs_attention m1`,
      expected: { a: send, b: attention },
    },
    {
      name: 'a rejected create holds back the changes on its local row',
      table: `
        c1 create needs_attention -
        b changeRole queued local:c1
        d invite queued -`,
      expected: { c1: attention, b: waitsFor('c1'), d: send },
    },
    {
      name: 'a change on a local row waits for its queued create without naming it',
      table: `
        c1 create queued -
        b setPassword queued local:c1`,
      expected: { c1: send, b: waitsFor(null) },
    },
    {
      name: 'the latest rejection on a member is the one named',
      table: `
        a changeRole needs_attention m1
        b remove needs_attention m1
        c setPassword queued m1`,
      expected: { a: attention, b: attention, c: waitsFor('b') },
    },
    {
      name: 'done entries neither go nor hold anything back',
      table: `
        a changeRole done m1
        b remove queued m1`,
      expected: { a: { action: 'done' }, b: send },
    },
    {
      name: 'an entry left sending by a crash goes again',
      table: `
        a remove sending m1`,
      expected: { a: send },
    },
  ];
  for (const { name, table, expected } of cases) {
    it(name, () => {
      expect(Object.fromEntries(planOutbox(entries(table)))).toEqual(expected);
    });
  }
});

describe('the outbox plan while sending', () => {
  it('a change deferred or rejected during the cycle holds back the later ones on its member', () => {
    const [a, b, c, d] = entries(`
      a resendInvite queued m1
      b cancelInvite queued m1
      c create queued -
      d changeRole queued local:c`);
    const plan = new OutboxPlan();
    expect(plan.decide(a!)).toEqual(send);
    plan.hold(a!); // 429: resend at most once a minute
    expect(plan.decide(b!)).toEqual(waitsFor('a'));
    expect(plan.decide(c!)).toEqual(send);
    plan.hold(c!); // rejected: user_exists
    expect(plan.decide(d!)).toEqual(waitsFor('c'));
  });
});
