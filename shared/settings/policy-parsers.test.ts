import { describe, expect, it } from 'vitest';
import { mergePolicyReadings, parsePolicyJson, parseRegQuery } from './policy-parsers';

const ROOT = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\NexusAdmin';

describe('reg query output', () => {
  it('reads strings, DWORDs, multi-strings and list subkeys', () => {
    const output = [
      '',
      ROOT,
      '    ServerUrl    REG_SZ    https://nexus.corp.test',
      '    ClipboardClearSeconds    REG_DWORD    0x14',
      '    AllowCsvImport    REG_DWORD    0x0',
      '    Theme    REG_SZ    dark',
      '    Odd    REG_BINARY    00FF',
      '    Multi    REG_MULTI_SZ    a\\0b',
      '',
      `${ROOT}\\AllowedServers`,
      '    2    REG_SZ    https://b.test',
      '    1    REG_SZ    https://a.test',
      '',
      `${ROOT}\\AllowedServers\\Deeper`,
      '    1    REG_SZ    https://ignored.test',
      '',
    ].join('\r\n');
    expect(parseRegQuery(output, ROOT)).toEqual({
      ServerUrl: 'https://nexus.corp.test',
      ClipboardClearSeconds: 20,
      AllowCsvImport: 0,
      Theme: 'dark',
      Multi: ['a', 'b'],
      AllowedServers: ['https://a.test', 'https://b.test'],
    });
  });

  it('empty output is no policies', () => {
    expect(parseRegQuery('', ROOT)).toEqual({});
  });

  it('machine policy wins over user policy', () => {
    const merged = mergePolicyReadings(
      'both',
      { origin: 'HKLM', values: { Theme: 'dark' }, problems: [] },
      { origin: 'HKCU', values: { Theme: 'light', HandoverMaxHours: 2 }, problems: [] },
    );
    expect(merged.values).toEqual({ Theme: 'dark', HandoverMaxHours: 2 });
  });
});

describe('policy JSON (Linux file, macOS plutil output)', () => {
  it('reads an object and drops configuration-profile keys', () => {
    const reading = parsePolicyJson('{"ServerUrl":"https://x.test","PayloadUUID":"abc"}', '/etc/p.json');
    expect(reading).toEqual({ origin: '/etc/p.json', values: { ServerUrl: 'https://x.test' }, problems: [] });
  });

  it('reports a broken or non-object file instead of throwing', () => {
    expect(parsePolicyJson('{"ServerUrl": ', '/etc/p.json').problems[0]).toMatch(/could not be read/);
    expect(parsePolicyJson('[1,2]', '/etc/p.json').problems[0]).toMatch(/must hold a JSON object/);
    expect(parsePolicyJson('{"__proto__": {"x": 1}}', '/etc/p.json').values).toEqual({});
  });
});
