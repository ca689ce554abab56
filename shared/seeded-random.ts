/**
 * mulberry32: a small, fast PRNG whose sequence is fixed by its seed. For what must be
 * repeatable — the sandbox's fault sequence, generated test actions, benchmark query sets —
 * never for secrets (those use the platform CSPRNG).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
