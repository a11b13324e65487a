/**
 * How far the server's warm-up is (`GET /api/analyses/progress`): after a start or a data load at
 * national scale the analyses take minutes, and a page waiting for one says so instead of spinning.
 */
export interface WarmUpState {
  total: number;
  done: number;
}

/** The warm-up still running, or null when it finished, never ran or cannot be read. */
export function runningWarmUp(answer: unknown): WarmUpState | null {
  if (typeof answer !== 'object' || answer === null || !('warmUp' in answer)) return null;
  const warmUp: unknown = answer.warmUp;
  if (typeof warmUp !== 'object' || warmUp === null) return null;
  const { total, done, finishedAt } = warmUp as Record<string, unknown>;
  if (typeof total !== 'number' || typeof done !== 'number' || finishedAt !== null) return null;
  return { total, done };
}
