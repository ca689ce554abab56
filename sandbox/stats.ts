import type { SandboxStats } from '../shared/api';

/** Counts what /sandbox/stats reports; duplicate effects per idempotency key prove replay works. */
export class SandboxStatsCounter {
  requests = 0;
  effects = 0;
  duplicateEffects = 0;
  idempotentReplays = 0;
  private readonly faults = new Map<string, number>();
  private readonly effectsPerKey = new Map<string, number>();

  recordEffect(idempotencyKey: string | null): void {
    this.effects++;
    if (idempotencyKey === null) return;
    const seen = this.effectsPerKey.get(idempotencyKey) ?? 0;
    if (seen > 0) this.duplicateEffects++;
    this.effectsPerKey.set(idempotencyKey, seen + 1);
  }

  recordFault(kind: string): void {
    this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1);
  }

  snapshot(): SandboxStats {
    return {
      requests: this.requests,
      effects: this.effects,
      duplicateEffects: this.duplicateEffects,
      idempotentReplays: this.idempotentReplays,
      faultsInjected: Object.fromEntries(this.faults),
    };
  }
}
