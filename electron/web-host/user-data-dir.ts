import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Electron would keep Nexus Admin's data (`app.getPath('userData')`), for the non-Electron starts. */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Nexus Admin');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Nexus Admin');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Nexus Admin');
}
