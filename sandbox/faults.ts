/**
 * Fault injection for tests of retry and sync: `rate=0.2;kinds=500,reset,timeout,429;seed=7;timeoutMs=15000`.
 * Optional `phases=before,after` limits when a fault strikes relative to the commit (default both);
 * `paths=/orgs` limits faults to API paths containing that text.
 */
import { seededRandom } from '../shared/seeded-random';

export type FaultKind = '500' | 'reset' | 'timeout' | '429';
export type FaultPhase = 'before' | 'after';

export interface FaultPlan {
  rate: number;
  kinds: FaultKind[];
  phases: FaultPhase[];
  timeoutMs: number;
  paths: string[];
  random: () => number;
}

export interface Fault {
  kind: FaultKind;
  phase: FaultPhase;
}

const KINDS: readonly FaultKind[] = ['500', 'reset', 'timeout', '429'];

export function parseFaults(spec: string | undefined): FaultPlan | null {
  if (!spec?.trim()) return null;
  const fields = new Map<string, string>();
  for (const part of spec.split(';')) {
    const [key, ...rest] = part.split('=');
    if (key?.trim()) fields.set(key.trim(), rest.join('=').trim());
  }
  const rate = Number(fields.get('rate') ?? '0');
  if (!(rate >= 0 && rate <= 1))
    throw new Error(`NEXUS_SANDBOX_FAULTS: rate must be between 0 and 1, got "${fields.get('rate')}"`);
  const kinds = (fields.get('kinds') ?? KINDS.join(','))
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  for (const kind of kinds) {
    if (!KINDS.includes(kind as FaultKind)) throw new Error(`NEXUS_SANDBOX_FAULTS: unknown kind "${kind}"`);
  }
  const phases = (fields.get('phases') ?? 'before,after').split(',').map((p) => p.trim());
  for (const phase of phases) {
    if (phase !== 'before' && phase !== 'after') throw new Error(`NEXUS_SANDBOX_FAULTS: unknown phase "${phase}"`);
  }
  const seed = Number(fields.get('seed') ?? Date.now());
  const timeoutMs = Number(fields.get('timeoutMs') ?? '15000');
  return {
    rate,
    kinds: kinds as FaultKind[],
    phases: phases as FaultPhase[],
    timeoutMs: Number.isFinite(timeoutMs) && timeoutMs >= 0 ? timeoutMs : 15000,
    paths: (fields.get('paths') ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    random: seededRandom(Number.isFinite(seed) ? seed : 7),
  };
}

/** Whether this request is struck, and how. A 429 always strikes before the change: it means "not done". */
export function decideFault(plan: FaultPlan | null, apiPath: string): Fault | null {
  if (!plan || plan.rate === 0 || plan.kinds.length === 0) return null;
  if (plan.paths.length > 0 && !plan.paths.some((p) => apiPath.includes(p))) return null;
  if (plan.random() >= plan.rate) return null;
  const kind = plan.kinds[Math.floor(plan.random() * plan.kinds.length)]!;
  const phase = kind === '429' ? 'before' : plan.phases[Math.floor(plan.random() * plan.phases.length)]!;
  return { kind, phase };
}
