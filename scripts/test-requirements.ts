// The system components (Debian packages, not npm ones) each stage of `npm test` needs.
// .ci/run installs the same list; keep them in step.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export const STAGES = ['typecheck', 'lint', 'unit', 'e2e'] as const;
export type Stage = (typeof STAGES)[number];

interface Requirement {
  what: string;
  aptPackages: string;
  stages: Stage[];
  present: () => boolean;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => isExecutable(path.join(dir, command)));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// The unit and e2e stages run inside scripts/with-keyring.sh: a private D-Bus session with a
// real, unlocked gnome-keyring.
const REQUIREMENTS: Requirement[] = [
  {
    what: 'dbus-run-session (private D-Bus session for the keychain tests)',
    aptPackages: 'dbus',
    stages: ['unit', 'e2e'],
    present: () => onPath('dbus-run-session'),
  },
  {
    what: 'gnome-keyring-daemon (the Secret Service the keychain tests use)',
    aptPackages: 'gnome-keyring dbus-x11',
    stages: ['unit', 'e2e'],
    present: () => onPath('gnome-keyring-daemon'),
  },
  {
    what: `Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} (the browser the e2e specs drive)`,
    aptPackages: 'chromium',
    stages: ['e2e'],
    present: () => isExecutable(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  },
];

export function missingSystemComponents(stages: readonly Stage[]): Requirement[] {
  return REQUIREMENTS.filter((r) => r.stages.some((s) => stages.includes(s)) && !r.present()).map((r) => ({
    ...r,
    stages: r.stages.filter((s) => stages.includes(s)),
  }));
}
