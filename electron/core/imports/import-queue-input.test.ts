import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importQueueInputSchema, importQueueRowSchema } from '../../../shared/contract/imports';
import { createDispatcher, sanitize } from '../dispatcher';
import { createLogger } from '../logger';
import { fastImportQueueInput } from './import-queue-input';

/**
 * import.queue's fast input check must give the dispatcher's zod answer: whatever it accepts,
 * `importQueueInputSchema.safeParse(sanitize(input))` accepts with the same output, and the
 * inputs the renderer really sends are accepted by it (else every import silently pays for zod
 * again). Anything it does not accept goes to zod.
 */

const seed = Number(process.env.NEXUS_PROPERTY_SEED ?? Date.now() % 100_000);

const zodAnswer = (raw: unknown) => importQueueInputSchema.safeParse(sanitize(raw ?? {}));

const word = fc.string({
  minLength: 1,
  maxLength: 12,
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
});
const address = fc.tuple(word, word, word).map(([local, host, tld]) => `${local}.x@${host}.${tld}z`);
const email = fc.oneof(
  { weight: 8, arbitrary: address },
  { weight: 2, arbitrary: address.map((valid) => `  ${valid.toUpperCase()} `) },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const row = fc.record(
  {
    line: fc.integer({ min: 1, max: 60_000 }),
    action: fc.constantFrom('invite', 'create'),
    email,
    name: fc.oneof(
      { weight: 10, arbitrary: fc.string({ maxLength: 30 }) },
      { weight: 1, arbitrary: fc.string({ minLength: 195, maxLength: 210 }) },
    ),
    roleId: fc.string({ minLength: 1, maxLength: 30 }),
    password: fc.string({ minLength: 1, maxLength: 40 }),
    reAdd: fc.boolean(),
  },
  { requiredKeys: ['line', 'action', 'email', 'name', 'roleId'] },
);
const input = fc.record(
  { rows: fc.array(row, { minLength: 1, maxLength: 4 }), holdForHandover: fc.boolean() },
  { requiredKeys: ['rows'] },
);

/** Values a broken or hostile renderer might put anywhere. */
const hostile = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      null,
      undefined,
      true,
      0,
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.MAX_SAFE_INTEGER + 2,
      '',
      ' ',
      'x'.repeat(201),
      'x'.repeat(1025),
      'create',
      'delete',
      'a@b.co',
      [],
      {},
      new Date(0),
      new Map(),
      Object.create({ email: 'inherited@example.com' }) as unknown,
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
);

type Json = Record<string, unknown>;

/** A valid input with one value somewhere replaced, removed, or an unknown key added. */
const brokenInput = fc
  .tuple(input, fc.nat(), fc.nat(), hostile, fc.constantFrom('replace', 'remove', 'extra', 'proto'))
  .map(([valid, at, keyAt, value, how]) => {
    const copy = structuredClone(valid) as Json & { rows: Json[] };
    const targets: Json[] = [copy, ...copy.rows];
    const target = targets[at % targets.length]!;
    const keys = Object.keys(target);
    const key = keys[keyAt % keys.length]!;
    if (how === 'replace') target[key] = value;
    else if (how === 'remove') delete target[key];
    else if (how === 'extra') target[`extra${keyAt}`] = value;
    // A row whose fields come from its prototype: sanitize copies own keys only.
    else if (target !== copy) copy.rows[(at - 1) % copy.rows.length] = Object.create(target) as Json;
    return copy as unknown;
  });

describe('import.queue input check', () => {
  it(`accepts what the renderer sends, with zod's output (seed ${seed})`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(input, (raw) => {
        const zod = zodAnswer(raw);
        const fast = fastImportQueueInput(raw);
        if (zod.success) {
          accepted++;
          expect(fast).toStrictEqual(zod.data);
        } else expect(fast).toBeNull();
      }),
      { seed, numRuns: 1000 },
    );
    expect(accepted).toBeGreaterThan(40);
    // The rows a real preview sends (console template, addresses already lower-cased) all pass.
    const real = {
      rows: Array.from({ length: 200 }, (_, index) => ({
        line: index + 2,
        action: index % 2 ? 'invite' : 'create',
        email: `cohort.${index}@import.acme.test`,
        name: `Cohort ${index}`,
        roleId: 'role_acme_member',
        ...(index % 2 ? {} : { password: `Cohort-Term-${index}-Walnut-Anchor` }),
      })),
    };
    expect(fastImportQueueInput(real)).toStrictEqual(zodAnswer(real).data);
  });

  it(`accepts nothing zod refuses, and gives zod's output for what it accepts (seed ${seed})`, () => {
    let refused = 0;
    fc.assert(
      fc.property(brokenInput, (raw) => {
        const zod = zodAnswer(raw);
        const fast = fastImportQueueInput(raw);
        if (!zod.success) {
          refused++;
          expect(fast).toBeNull();
        } else if (fast) expect(fast).toStrictEqual(zod.data);
      }),
      { seed, numRuns: 1500 },
    );
    expect(refused).toBeGreaterThan(500);
  });

  it('agrees with zod at every edge of every field', () => {
    const good = { line: 2, action: 'create', email: 'a@example.com', name: 'A', roleId: 'r', password: 'p' };
    const edges: Record<string, unknown[]> = {
      line: [0, 1, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.NaN, '2'],
      action: ['invite', 'Invite', '', null],
      email: [' A@Example.COM ', 'a@b', '', `${'a'.repeat(250)}@b.co`, ` ${'a'.repeat(240)}@example.com `],
      name: ['', ' '.repeat(300), 'x'.repeat(200), ` ${'x'.repeat(200)} `, 'x'.repeat(201), 5],
      roleId: ['', ' ', 'x'.repeat(200), 'x'.repeat(201)],
      password: ['', 'x'.repeat(1024), 'x'.repeat(1025), undefined, null],
      reAdd: [true, false, undefined, 'true', 0],
    };
    const inputs: unknown[] = [
      { rows: [] },
      { rows: [good], holdForHandover: false },
      { rows: [good], holdForHandover: 'no' },
      { rows: [good], holdForHandover: undefined },
      { rows: Array.from({ length: 50_001 }, () => good) },
      { rows: Object.assign(new Array<unknown>(3), { 0: good, 2: good }) },
      [good],
      null,
    ];
    for (const [field, values] of Object.entries(edges))
      for (const value of values) inputs.push({ rows: [good, { ...good, [field]: value }] });
    let accepted = 0;
    for (const raw of inputs) {
      const zod = zodAnswer(raw);
      const fast = fastImportQueueInput(raw);
      const what = JSON.stringify(raw)?.slice(0, 200);
      if (!zod.success) expect(fast, what).toBeNull();
      // It may leave a valid input to zod (a key there with no value), never change its output.
      else if (fast !== null) {
        accepted++;
        expect(fast, what).toStrictEqual(zod.data);
      }
    }
    expect(accepted).toBeGreaterThan(15);
  });

  // The properties above only see the fields the generators make: a field added to the schema
  // must be added to the fast pass and to the generators too.
  it('knows every field of the schema', () => {
    expect(Object.keys(importQueueRowSchema.shape).sort()).toEqual(
      ['action', 'email', 'line', 'name', 'password', 'reAdd', 'roleId'].sort(),
    );
    expect(Object.keys(importQueueInputSchema.shape).sort()).toEqual(['holdForHandover', 'rows']);
  });

  it('the dispatcher refuses a bad row the fast pass passes on, naming the field', async () => {
    const dispatch = createDispatcher(
      { 'import.queue': () => ({ entries: [] }) },
      createLogger(() => undefined),
    );
    const good = { line: 2, action: 'invite', email: 'a@example.com', name: 'A', roleId: 'role_x' };
    expect(await dispatch('import.queue', { rows: [good] })).toEqual({ ok: true, value: { entries: [] } });
    const bad = (await dispatch('import.queue', { rows: [good, { ...good, email: 'not an email' }] })) as {
      ok: false;
      error: { code: string; fields: { path: string }[] };
    };
    expect(bad.error.code).toBe('invalid_input');
    expect(bad.error.fields[0]!.path).toBe('rows.1.email');
  });
});
