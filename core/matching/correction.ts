// What one case learns from the user's decisions beyond resemblance: a per-case correction of the fitted model.
// The decided stories' features, with the fitted model's log-odds as an offset, fit a small L2-penalised
// logistic regression: when the user keeps rejecting stories that name only the plaintiff in a dispute (the
// company's other lawsuits), stories of that shape weigh less for this case, and the other way round.
import { FEATURES, type FeatureName, type FeatureVector } from './features.ts';

/** Per-case changes to the model's weights, learned from the case's decisions. */
export interface Correction {
  weights: Record<FeatureName, number>;
  /** How many decisions it was learned from (for reasons). */
  decisions: number;
}

/**
 * The correction learns the shape of the stories (who is named and how, whose dispute it is), not how much they
 * are about a case: every story of a case shares its dispute, subject and keywords, so a rejection would pull down
 * the case's own stories with them. Resemblance to decided stories has its own features.
 */
const SHAPE: readonly FeatureName[] = ['onlyPlaintiff', 'plaintiffAlone', 'bothSides', 'nameless', 'offTitle', 'variantOnly', 'anonymised', 'coMentionNoDispute', 'otherLitigants', 'roleConflict', 'common'];

/** Decisions older than these few are not used: what the user decided lately says most about the case now. */
export const CORRECTION_MAX_DECISIONS = 100;

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
export function solveLinear(A: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[pivot]![c]!)) pivot = r;
    [M[c], M[pivot]] = [M[pivot]!, M[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = M[r]![n]!;
    for (let k = r + 1; k < n; k++) sum -= M[r]![k]! * x[k]!;
    x[r] = sum / M[r]![r]!;
  }
  return x;
}

/**
 * Fits the correction: minimises the log-loss of sigmoid(offset + δ·x) over the decided stories plus
 * `penalty`·|δ|²/2, by Newton's method. `offsets` are the fitted model's log-odds of each story for the case.
 */
/**
 * The penalty is the prior "the fitted model is right for this case too": a few decisions move it a little,
 * many that agree move it more. `npm run fit` chooses it on the learning protocol (model.json).
 */
export function fitCorrection(xs: readonly FeatureVector[], ys: readonly number[], offsets: readonly number[], penalty: number): Correction | null {
  if (xs.length === 0 || penalty <= 0) return null;
  const d = SHAPE.length;
  const X = xs.map((x) => SHAPE.map((f) => x[f]));
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < 20; it++) {
    const H = Array.from({ length: d }, (_, j) => Array.from({ length: d }, (_, k) => (j === k ? penalty : 0)));
    const g = w.map((v) => -penalty * v);
    X.forEach((xi, i) => {
      let z = offsets[i]!;
      for (let j = 0; j < d; j++) z += w[j]! * xi[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const s = p * (1 - p);
      for (let j = 0; j < d; j++) {
        if (xi[j] === 0) continue;
        g[j]! += (ys[i]! - p) * xi[j]!;
        for (let k = 0; k < d; k++) H[j]![k]! += s * xi[j]! * xi[k]!;
      }
    });
    const step = solveLinear(H, g);
    w = w.map((v, j) => v + step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  const weights = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Record<FeatureName, number>;
  SHAPE.forEach((f, j) => (weights[f] = Math.round(w[j]! * 1000) / 1000));
  return { weights, decisions: xs.length };
}

/** The correction's part in a story's log-odds. */
export function correctionEffect(c: Correction | null, x: FeatureVector): number {
  if (!c) return 0;
  let z = 0;
  for (const f of SHAPE) z += c.weights[f] * x[f];
  return z;
}
