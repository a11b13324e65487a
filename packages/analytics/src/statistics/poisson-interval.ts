/**
 * Exact (Garwood 1936) confidence interval for the mean of a Poisson count: the lower limit is the
 * α/2 quantile of Gamma(x, 1), the upper the 1 − α/2 quantile of Gamma(x + 1, 1).
 */
import { DomainError } from '#core/domain-error.ts';
import { regularizedGammaP } from './special-functions.ts';

/** The p-quantile of Gamma(shape, 1), by bisection on the regularised lower incomplete gamma. */
function gammaQuantile(shape: number, p: number): number {
  let lo = 0;
  let hi = Math.max(1, shape);
  while (regularizedGammaP(shape, hi) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (regularizedGammaP(shape, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface PoissonInterval {
  low: number;
  high: number;
}

/** Exact two-sided interval for a Poisson mean given an observed count `x` (a whole number ≥ 0). */
export function poissonInterval(x: number, confidence = 0.95): PoissonInterval {
  if (!Number.isInteger(x) || x < 0)
    throw new DomainError(
      'validation_failed',
      `a Poisson count must be a whole number ≥ 0, got ${x}`,
      {
        x,
      },
    );
  if (!(confidence > 0 && confidence < 1))
    throw new DomainError('validation_failed', `confidence must be in (0, 1), got ${confidence}`, {
      confidence,
    });
  const alpha = 1 - confidence;
  return {
    low: x === 0 ? 0 : gammaQuantile(x, alpha / 2),
    high: gammaQuantile(x + 1, 1 - alpha / 2),
  };
}
