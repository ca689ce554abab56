import { describe, expect, it } from 'vitest';
import { assetPathFromUrlPath, contentTypeOf } from './asset-path';

describe('assetPathFromUrlPath', () => {
  it('maps the root to index.html and ordinary paths to themselves', () => {
    expect(assetPathFromUrlPath('/')).toBe('index.html');
    expect(assetPathFromUrlPath('/assets/index-abc.js')).toBe('assets/index-abc.js');
    expect(assetPathFromUrlPath('/./assets//a.css')).toBe('assets/a.css');
  });

  it.each([
    '/../etc/passwd',
    '/assets/../../secret',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2fpackage.json',
    '/assets/%5c..%5c..%5cwin.ini',
    '/C:/Windows/win.ini',
    '/a%00.js',
    '/%E0%A4%A',
  ])('refuses %s', (path) => {
    expect(assetPathFromUrlPath(path)).toBeNull();
  });

  it('names content types', () => {
    expect(contentTypeOf('index.html')).toMatch(/^text\/html/);
    expect(contentTypeOf('assets/x.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeOf('blob.bin')).toBe('application/octet-stream');
  });
});
