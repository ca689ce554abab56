import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHostPolicies } from '../../web-host/policy-file';
import { removeDir, tempDir } from '../../core/test/harness';
import { LINUX_POLICY_FILE, readOsPolicies } from './read-os-policies';

describe('OS policy adapters hand core a plain object', () => {
  const dir = tempDir('nexus-policy-');
  afterAll(() => removeDir(dir));

  it('reads the Linux file (or the one NEXUS_POLICY_FILE names) as it is, judging nothing', async () => {
    const file = join(dir, 'policies.json');
    writeFileSync(file, JSON.stringify({ ServerUrl: 'https://nexus.corp.test', ClipboardClearSeconds: 'soon' }));
    const expected = {
      origin: file,
      values: { ServerUrl: 'https://nexus.corp.test', ClipboardClearSeconds: 'soon' },
      problems: [],
    };
    expect(await readOsPolicies('linux', { NEXUS_POLICY_FILE: file })).toEqual(expected);
    expect(await readOsPolicies('win32', { NEXUS_POLICY_FILE: file })).toEqual(expected);
    expect(readHostPolicies(file)).toEqual(expected);
  });

  it('no file is no policies; a broken one is a problem sentence, not an exception', async () => {
    const missing = join(dir, 'absent.json');
    expect(await readOsPolicies('linux', { NEXUS_POLICY_FILE: missing })).toEqual({
      origin: missing,
      values: {},
      problems: [],
    });
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "ServerUrl": ');
    for (const reading of [await readOsPolicies('linux', { NEXUS_POLICY_FILE: broken }), readHostPolicies(broken)]) {
      expect(reading.values).toEqual({});
      expect(reading.problems[0]).toMatch(/could not be read/);
    }
    // A folder where the file should be: readFileSync throws EISDIR.
    expect((await readOsPolicies('linux', { NEXUS_POLICY_FILE: dir })).problems[0]).toMatch(/could not be read/);
  });

  it('on Linux, without the variable, the file under /etc', async () => {
    expect((await readOsPolicies('linux', {})).origin).toBe(LINUX_POLICY_FILE);
  });
});
