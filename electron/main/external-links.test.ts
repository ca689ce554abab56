import { describe, expect, it } from 'vitest';
import { DOCS_URL, externalLinkPolicy, safeOpenExternal } from './external-links';

describe('external link allowlist', () => {
  let server: string | null = 'https://nexus.acme.example/api';
  const policy = externalLinkPolicy({ serverUrl: () => server });

  it('allows https links to the docs and to the configured server', () => {
    expect(policy.isAllowed(`${DOCS_URL}guide/members`)).toBe(true);
    expect(policy.isAllowed('https://nexus.acme.example/accept-invite?x=1')).toBe(true);
  });

  it.each([
    'http://nexus.acme.example/',
    'https://nexus.acme.example.evil.example/',
    'https://user:pw@nexus.acme.example/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://share/x',
    'ms-msdt:/id',
    'https://another.example/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(policy.isAllowed(url)).toBe(false);
  });

  it('follows the server the admin is signed in to, and only https servers', () => {
    server = 'http://127.0.0.1:4010';
    expect(policy.isAllowed('https://127.0.0.1:4010/')).toBe(false);
    expect(policy.isAllowed('http://127.0.0.1:4010/')).toBe(false);
    server = null;
    expect(policy.isAllowed('https://nexus.acme.example/')).toBe(false);
  });

  it('safeOpenExternal calls the opener only for allowed links', async () => {
    const opened: string[] = [];
    const open = async (url: string) => void opened.push(url);
    expect(await safeOpenExternal('file:///bin/sh', policy, open)).toBe(false);
    expect(await safeOpenExternal(DOCS_URL, policy, open)).toBe(true);
    expect(opened).toEqual([DOCS_URL]);
  });
});
