/**
 * A bounded queue in front of matching: at most `concurrency` searches run at once, at most
 * `maxWaiting` wait for a turn (fewer when searches are slow: none is expected to wait over
 * `maxWaitMs`), and a search beyond that is refused at once with `rate_limited`
 * (HTTP 429) and how many seconds to wait, estimated from recent search times. Edits, feedback
 * and refreshes are never refused: they take the next free turn ahead of waiting searches.
 */
import { DomainError } from '#core/domain-error.ts';
import type { MatchingService } from './matching-service.ts';

export interface MatchingLimits {
  /** Searches running at once (one per matching worker is enough to keep them busy). */
  readonly concurrency: number;
  /** Searches waiting for a turn before new ones are refused. */
  readonly maxWaiting: number;
  /**
   * Longest expected wait (ms) for a turn, from recent search times (default 10 s): when
   * searches are slow, fewer may wait, so no caller waits long enough to give up.
   */
  readonly maxWaitMs?: number;
  /** Milliseconds clock (tests). */
  readonly now?: () => number;
}

export const DEFAULT_MAX_WAITING_MATCHES = 16;

export interface MatchingLoad {
  readonly running: number;
  readonly waiting: number;
  readonly refused: number;
}

export interface BoundedMatchingService extends MatchingService {
  load(): MatchingLoad;
}

interface Turn {
  start(): void;
}

/** Estimated seconds before a new search would start, at least 1. */
export function retryAfterSeconds(waiting: number, concurrency: number, averageMs: number): number {
  return Math.max(1, Math.min(60, Math.ceil(((waiting + 1) * averageMs) / concurrency / 1000)));
}

export function boundMatching(
  service: MatchingService,
  limits: MatchingLimits,
): BoundedMatchingService {
  const concurrency = Math.max(1, Math.floor(limits.concurrency));
  const maxWaiting = Math.max(0, Math.floor(limits.maxWaiting));
  const maxWaitMs = limits.maxWaitMs ?? 10_000;
  const now = limits.now ?? (() => performance.now());
  const waiting: Turn[] = [];
  let running = 0;
  let refused = 0;
  /** Moving average of a search's time (ms), for Retry-After. */
  let averageMs = 500;

  const next = (): void => {
    if (running >= concurrency) return;
    const turn = waiting.shift();
    if (turn === undefined) return;
    running += 1;
    turn.start();
  };

  const inTurn = async <T>(work: () => Promise<T>, search: boolean): Promise<T> => {
    if (running >= concurrency || waiting.length > 0) {
      const expectedWaitMs = ((waiting.length + 1) * averageMs) / concurrency;
      if (search && (waiting.length >= maxWaiting || expectedWaitMs > maxWaitMs)) {
        refused += 1;
        const seconds = retryAfterSeconds(waiting.length, concurrency, averageMs);
        throw new DomainError(
          'rate_limited',
          `matching is busy (${running} running, ${waiting.length} waiting); try again in ${seconds} s`,
          { retryAfterSeconds: seconds },
        );
      }
      await new Promise<void>((start) => {
        if (search) waiting.push({ start });
        else waiting.unshift({ start });
      });
    } else {
      running += 1;
    }
    const started = now();
    try {
      return await work();
    } finally {
      if (search) averageMs = averageMs * 0.8 + (now() - started) * 0.2;
      running -= 1;
      next();
    }
  };

  return {
    get tokenizerName() {
      return service.tokenizerName;
    },
    matchNeed: (...args) => inTurn(() => service.matchNeed(...args), true),
    matchText: (...args) => inTurn(() => service.matchText(...args), true),
    matchSeed: (...args) => inTurn(() => service.matchSeed(...args), true),
    keyTerms: (...args) => inTurn(() => service.keyTerms(...args), true),
    upsertSeed: (...args) => inTurn(() => service.upsertSeed(...args), false),
    deleteSeed: (...args) => inTurn(() => service.deleteSeed(...args), false),
    upsertNeed: (...args) => inTurn(() => service.upsertNeed(...args), false),
    deleteNeed: (...args) => inTurn(() => service.deleteNeed(...args), false),
    recordFeedback: (...args) => inTurn(() => service.recordFeedback(...args), false),
    refresh: (...args) => inTurn(() => service.refresh(...args), false),
    expire: () => service.expire(),
    stats: () => service.stats(),
    close: () => service.close(),
    load: () => ({ running, waiting: waiting.length, refused }),
  };
}
