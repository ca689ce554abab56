import fc from 'fast-check';

/** One request the fuzzer sends; `expectProblem` is false for the HTML pages. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const deep = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { nested: value };
  return value;
};

const pollution = [
  '{"__proto__": {"nexusPolluted": true, "isAdmin": true}}',
  '{"constructor": {"prototype": {"nexusPolluted": true}}}',
  '{"prototype": {"nexusPolluted": true}}',
];

/** Field values of the wrong type, empty, huge, odd Unicode, injection-shaped, prototype keys. */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    '',
    ' ',
    '\u0000',
    '\u202eevil',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '../../etc/passwd',
    'a'.repeat(300),
    'a'.repeat(5000),
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer(),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  fc.constantFrom(...pollution).map((text) => JSON.parse(text) as unknown),
  fc.constantFrom(50, 400).map(deep),
);

/** A JSON body text built by breaking a valid example (the caller filters out still-valid ones). */
export function hostileBody(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const keys = Object.keys(valid);
  const json = (value: unknown) => JSON.stringify(value);
  const options: fc.WeightedArbitrary<string>[] = [
    { arbitrary: hostileJsonValue.map(json), weight: 3 },
    {
      arbitrary: fc.constantFrom(
        '',
        'not json',
        '{',
        '{"a":',
        '[1,2',
        'null',
        '"text"',
        '123',
        '[]',
        '\u0000',
        '{"a":1}{"b":2}',
      ),
      weight: 2,
    },
    { arbitrary: fc.constantFrom(...pollution), weight: 2 },
    {
      arbitrary: fc.constantFrom(70_000, 500_000).map((n) => json({ ...valid, [keys[0] ?? 'x']: 'A'.repeat(n) })),
      weight: 1,
    },
    // Built as text: JSON.stringify itself cannot go this deep.
    { arbitrary: fc.constantFrom(5_000, 50_000).map((n) => `${'{"nested":['.repeat(n)}1${']}'.repeat(n)}`), weight: 1 },
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    options.push(
      {
        arbitrary: key.map((k) => json(Object.fromEntries(Object.entries(valid).filter(([name]) => name !== k)))),
        weight: 3,
      },
      { arbitrary: fc.tuple(key, hostileJsonValue).map(([k, v]) => json({ ...valid, [k]: v })), weight: 6 },
      {
        arbitrary: fc
          .tuple(key, hostileJsonValue, fc.string({ minLength: 1, maxLength: 10 }))
          .map(([k, v, extra]) => json({ ...valid, [k]: v, [extra]: v })),
        weight: 3,
      },
      { arbitrary: fc.tuple(key, fc.constantFrom(...pollution)).map(([k, p]) => `{"${k}": ${p}}`), weight: 2 },
      {
        arbitrary: fc
          .array(hostileJsonValue, { minLength: keys.length, maxLength: keys.length })
          .map((vs) => json(Object.fromEntries(keys.map((k, i) => [k, vs[i]])))),
        weight: 3,
      },
    );
  }
  return fc.oneof(...options);
}

/** Path segments that name nothing: garbage, traversal, encodings, very long, Unicode. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'x',
    '0',
    '-1',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    '..',
    '%2e%2e',
    '%00',
    '%ZZ',
    '%',
    '%E0%A4%A',
    'a'.repeat(3000),
    '<script>',
    '%3Cscript%3E',
    "'%20OR%201=1",
    '\u202e',
  ),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .map(encodeURIComponent)
    // A bare "." or ".." is a dot segment: URL parsing resolves it before the request is sent
    // ("/members/." is "/members/", the listing), so it never reaches the server as an id.
    // The explicit cases above still send ".." on purpose, to check what the resolved path answers.
    .filter((segment) => segment !== '.' && segment !== '..'),
);

/** Query strings with unknown, repeated, wrong-typed and oversized parameters. */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '?limit=-1',
    '?limit=0',
    '?limit=100000',
    '?limit=abc',
    '?limit=1e3',
    '?since=garbage',
    '?cursor=garbage',
    '?since=&cursor=',
    '?limit=1&limit=2',
    '?email=',
    '?email=not-an-email',
    `?email=${'a'.repeat(5000)}@x.y`,
    '?__proto__[x]=1',
    '?%ZZ=1',
  ),
  fc
    .tuple(fc.constantFrom('limit', 'since', 'cursor', 'email', 'x'), fc.string({ maxLength: 30 }))
    .map(([k, v]) => `?${k}=${encodeURIComponent(v)}`),
);

/** Header variations: garbage tokens, bad Idempotency-Key, bad If-Match, wrong content types. */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    authorization: fc.constantFrom('Bearer garbage', 'Bearer ', 'Basic Zm9vOmJhcg==', `Bearer ${'a'.repeat(4000)}`),
    'idempotency-key': fc.constantFrom('', 'k'.repeat(256), 'k'.repeat(5000), 'ok-key'),
    'if-match': fc.constantFrom('', 'v1', '"v-1"', '"vX"', 'W/"v999999999999999999999"', '*'),
    'content-type': fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-7',
      'multipart/form-data',
      '',
    ),
  },
  { requiredKeys: [] },
);
