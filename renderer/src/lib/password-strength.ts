/**
 * Strength estimate from zxcvbn-ts. Its dictionaries are large, so they load on first use, not with
 * the app: the sign-in screen stays fast and the meter fills in a moment later.
 */
export interface StrengthEstimate {
  /** 0 (guessable) … 4 (very unguessable). */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
}

type Checker = (password: string, userInputs: string[]) => StrengthEstimate;

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;
let loading: Promise<Checker> | null = null;

export function loadStrengthChecker(): Promise<Checker> {
  loading ??= (async () => {
    const [{ ZxcvbnFactory }, common] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary },
      graphs: common.adjacencyGraphs,
    });
    return (password, userInputs) => {
      const result = zxcvbn.check(password, userInputs);
      const score = result.score as StrengthEstimate['score'];
      return {
        score,
        label: LABELS[score],
      };
    };
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
