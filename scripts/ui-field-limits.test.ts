import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every text field of the UI caps what can be typed or pasted (`maxLength`, from
 * shared/field-limits.ts): a pasted megabyte in a field would otherwise travel to core, and in
 * the browser host over the socket, which closes on frames over 1 MiB.
 */
const SOURCE = join(import.meta.dirname, '../renderer/src');
const FIELD_TAGS = /<(TextInput|PasswordInput|Textarea|Autocomplete|JsonInput)\b/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.tsx') && !entry.name.includes('.test.') ? [path] : [];
  });
}

/** The opening tag's props: up to the `>` or `/>` outside any `{…}`. */
function openingTag(text: string, start: number): string {
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '{') depth++;
    else if (char === '}') depth--;
    else if (char === '>' && depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

describe('text fields', () => {
  it('every text field in the renderer has a maxLength from FIELD_MAX', () => {
    const fields: string[] = [];
    const unbounded: string[] = [];
    for (const file of sources(SOURCE)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(FIELD_TAGS)) {
        const tag = openingTag(text, match.index);
        const label = /label=(?:"([^"]*)"|\{([^}]*)\})/.exec(tag);
        const name = `${file.slice(SOURCE.length + 1)}: ${label?.[1] ?? label?.[2] ?? match[1]}`;
        fields.push(name);
        if (!/\bmaxLength=\{FIELD_MAX\.\w+\}/.test(tag)) unbounded.push(name);
      }
    }
    // The scan is meaningful: it sees the fields (search box, sign-in, add member, passwords).
    expect(fields.length).toBeGreaterThanOrEqual(10);
    expect(fields.some((field) => field.includes('Search members'))).toBe(true);
    expect(unbounded).toEqual([]);
  });
});
