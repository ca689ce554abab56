import fc from 'fast-check';

/**
 * Hostile inputs built from a valid example: a field missing, of the wrong type, huge, nested
 * deeply, objects that are not plain, and prototype-pollution keys at any depth. Shared by the
 * console command fuzzer and the sandbox's HTTP fuzzer.
 */

const POLLUTION_MARK = 'nexusPolluted';

/** `{"__proto__": {...}}` as JSON.parse makes it: an own key, the way it arrives over the wire. */
export function pollutionPayloads(): unknown[] {
  return [
    JSON.parse(`{"__proto__": {"${POLLUTION_MARK}": true, "isAdmin": true}}`),
    JSON.parse(`{"constructor": {"prototype": {"${POLLUTION_MARK}": true}}}`),
    JSON.parse(`{"prototype": {"${POLLUTION_MARK}": true}}`),
    JSON.parse(`{"a": {"b": {"__proto__": {"${POLLUTION_MARK}": true}}}}`),
    JSON.parse(`[{"__proto__": {"${POLLUTION_MARK}": true}}]`),
  ];
}

/** True when some prototype was written to. */
export function prototypesPolluted(): boolean {
  const probes: unknown[] = [{}, [], () => undefined, '', 0];
  return probes.some((probe) => POLLUTION_MARK in Object(probe) || 'isAdmin' in Object(probe));
}

const deep = (depth: number, leaf: unknown = 'x'): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { nested: value };
  return value;
};

class NotPlain {
  email = 'class@example.com';
  roleId = 'role_acme_member';
}

const hugeString = fc.constantFrom(70_000, 300_000, 1_100_000).map((n) => 'A'.repeat(n));

/** Values of every shape, weighted towards the troublesome ones. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc.constantFrom<unknown>(
      null,
      undefined,
      true,
      false,
      0,
      -1,
      1.5,
      Number.NaN,
      Number.MAX_SAFE_INTEGER,
      -0,
      '',
      ' ',
      '\u0000',
      '\u202e',
      '<script>alert(1)</script>',
      '../../etc/passwd',
      "' OR 1=1 --",
    ),
    weight: 4,
  },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }), weight: 1 },
  { arbitrary: fc.constantFrom(...pollutionPayloads()), weight: 2 },
  { arbitrary: fc.constantFrom(30, 200, 2000).map((d) => deep(d)), weight: 1 },
  { arbitrary: hugeString, weight: 1 },
  {
    arbitrary: fc.constantFrom<unknown>(
      new Date(0),
      new Map([['email', 'a@b.c']]),
      new Set([1]),
      /re/g,
      new Uint8Array(4),
      new NotPlain(),
      10n,
    ),
    weight: 1,
  },
);

/** One mutation of a valid example; the caller keeps those the contract rejects. */
export function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const withKey = (key: string, value: unknown) => ({ ...valid, [key]: value });
  const arbitraries: fc.Arbitrary<unknown>[] = [
    // The whole payload is something else entirely.
    hostileValue,
    // Extra fields next to a broken one, and pollution keys inside a valid-looking payload.
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileValue)
      .map(([k, v]) => ({ ...valid, [k]: v, __extra: v })),
    fc.constantFrom(...pollutionPayloads()).map((p) => Object.assign(JSON.parse(JSON.stringify(valid)) as object, p)),
    fc.constant(deep(1000, valid)),
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    arbitraries.push(
      // A field missing.
      key.map((k) => Object.fromEntries(Object.entries(valid).filter(([name]) => name !== k))),
      // A field of the wrong type, or hostile.
      fc.tuple(key, hostileValue).map(([k, v]) => withKey(k, v)),
      // A field huge.
      fc.tuple(key, hugeString).map(([k, v]) => withKey(k, v)),
      // Every field broken at once.
      fc
        .array(hostileValue, { minLength: keys.length, maxLength: keys.length })
        .map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))),
      // A pollution key where a field should be.
      fc.tuple(key, fc.constantFrom(...pollutionPayloads())).map(([k, p]) => withKey(k, p)),
    );
  }
  return fc.oneof(...arbitraries);
}

/** Short text naming a payload in a failure message, without dumping a megabyte. */
export function describePayload(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    return text === undefined
      ? String(value)
      : text.length > 200
        ? `${text.slice(0, 200)}… (${text.length} chars)`
        : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
