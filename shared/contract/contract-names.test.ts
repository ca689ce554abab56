import { describe, expect, it } from 'vitest';
import { commands, isCommandName } from './commands';
import { isListedCommandName, isListedEventName, listedCommandNames, listedEventNames } from './contract-names';
import { events, isEventName } from './events';

describe('contract names without zod', () => {
  it('list exactly the commands and events of the tables', () => {
    expect([...listedCommandNames].sort()).toEqual(Object.keys(commands).sort());
    expect([...listedEventNames].sort()).toEqual(Object.keys(events).sort());
  });

  it('answer like the tables for names in them, near them and of Object.prototype', () => {
    const probes: unknown[] = [
      ...Object.keys(commands),
      ...Object.keys(events),
      'toString',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'members.query ',
      'Members.query',
      'shell.exec',
      '',
      null,
      undefined,
      42,
      { toString: () => 'members.query' },
    ];
    for (const name of probes) {
      expect(isListedCommandName(name), String(name)).toBe(isCommandName(name));
      expect(isListedEventName(name), String(name)).toBe(isEventName(name));
    }
  });
});
