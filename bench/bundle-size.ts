import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JS a first start loads: the entry script(s) and modulepreloads in index.html, plus every
 * chunk they import statically (transitively). Lazy chunks (import()) are not counted.
 */
export async function initialJsSize(webDir: string): Promise<{ files: string[]; rawBytes: number; gzipBytes: number }> {
  const html = await readFile(join(webDir, 'index.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => join(webDir, match[1]!));
  const seen = new Set<string>();
  let rawBytes = 0;
  let gzipBytes = 0;
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    const bytes = await readFile(file);
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 9 }).length;
    const code = bytes.toString('utf8');
    const dir = file.slice(0, file.lastIndexOf('/'));
    for (const match of code.matchAll(
      /\bfrom\s*["'](\.{1,2}\/[^"']+\.js)["']|\bimport\s*["'](\.{1,2}\/[^"']+\.js)["']/g,
    )) {
      await visit(join(dir, match[1] ?? match[2]!));
    }
  };
  for (const entry of entries) await visit(entry);
  if (seen.size === 0) throw new Error(`no entry script in ${webDir}/index.html`);
  return { files: [...seen].map((file) => file.slice(webDir.length + 1)), rawBytes, gzipBytes };
}
