/**
 * Wilson score interval for a binomial proportion (Wilson 1927): well behaved for small n and for
 * proportions near 0 or 1, where the normal (Wald) interval fails.
 */
import { DomainError } from '#core/domain-error.ts';
import { normalQuantile } from './special-functions.ts';

export interface ProportionInterval {
  rate: number;
  low: number;
  high: number;
}

export function wilsonInterval(
  successes: number,
  trials: number,
  confidence = 0.95,
): ProportionInterval | null {
  if (
    !Number.isInteger(successes) ||
    !Number.isInteger(trials) ||
    successes < 0 ||
    trials < successes
  )
    throw new DomainError(
      'validation_failed',
      `a proportion needs whole counts with 0 ≤ successes ≤ trials, got ${successes} of ${trials}`,
    );
  if (trials === 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half =
    (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return {
    rate: p,
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}
