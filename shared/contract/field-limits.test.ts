import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FIELD_MAX } from '../field-limits';
import { commands, commandNames } from './commands';

/** Every string a command takes is bounded: walks each input schema down to its strings. */
type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

function unboundedStrings(schema: z.ZodType, path: string): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return (schema as unknown as { maxLength: number | null }).maxLength === null ? [path] : [];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, value]) =>
        unboundedStrings(value, `${path}.${key}`),
      );
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return unboundedStrings(def.innerType as z.ZodType, path);
    case 'pipe':
      // The input side is checked first: a bounded `in` keeps a long value from reaching `out`.
      return unboundedStrings(def.in as z.ZodType, path);
    case 'array':
      return unboundedStrings(def.element as z.ZodType, `${path}[]`);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => unboundedStrings(option, path));
    default:
      return [];
  }
}

describe('command inputs', () => {
  it('every string field of every command input has a maximum length', () => {
    const unbounded = commandNames.flatMap((name) => unboundedStrings(commands[name].input, name));
    expect(unbounded).toEqual([]);
  });

  it('the walker sees an unbounded string (so an empty answer means something)', async () => {
    const { z: zod } = await import('zod');
    expect(unboundedStrings(zod.object({ text: zod.string().optional() }), 'probe')).toEqual(['probe.text']);
  });

  it('the search text is capped at FIELD_MAX.search', () => {
    expect(commands['members.query'].input.safeParse({ text: 'a'.repeat(FIELD_MAX.search) }).success).toBe(true);
    expect(commands['members.query'].input.safeParse({ text: 'a'.repeat(FIELD_MAX.search + 1) }).success).toBe(false);
  });
});
