import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { nexusClientSchema } from '../../../shared/api';
import { NEXUS_CLIENT_NAME } from './client-name';

it('names the console with the version of package.json, in a form the server accepts', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
  expect(NEXUS_CLIENT_NAME).toBe(`Nexus Admin/${pkg.version}`);
  expect(nexusClientSchema.safeParse(NEXUS_CLIENT_NAME).success).toBe(true);
});
