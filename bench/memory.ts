import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full garbage collection without starting Node with --expose-gc: the flag set at run time
// exposes `gc` to contexts created after it.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * This process's resident set after a full GC, in MB. Core shares the bench's process with the
 * sandbox, the floor's table and the measuring code, so core's own share is the difference
 * between this after a core's full sync and this just before that core started (both after a GC,
 * so garbage of the floor's listing or of the sync's pages counts for neither).
 */
export function rssAfterGcMb(): number {
  collectGarbage();
  return process.memoryUsage().rss / 2 ** 20;
}
