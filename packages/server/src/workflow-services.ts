/**
 * The matching, consultation and disclosure services behind the API, created on first use: the
 * matching index reads every seed, need, actor and relation, which a server that never matches
 * should not pay for at start. Matching runs in worker threads behind a bounded queue (a full
 * queue answers 429), so searches never hold up the event loop that answers everything else.
 * One instance per app; `close` stops the workers and the tokenizer it owns.
 */
import { availableParallelism } from 'node:os';
import type { NotificationSink } from '#core/notifications.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import {
  createConsultationService,
  type ConsultationService,
} from '#services/consultations/consultation-service.ts';
import {
  createDisclosureService,
  type DisclosureService,
} from '#services/consultations/disclosure-service.ts';
import {
  boundMatching,
  DEFAULT_MAX_WAITING_MATCHES,
  type BoundedMatchingService,
} from '#services/matching/bounded-matching.ts';
import {
  createMatchingService,
  type MatchingService,
} from '#services/matching/matching-service.ts';
import type { GlossLinkSource } from '#services/matching/gloss-link-source.ts';
import { createWorkerMatchingService } from '#services/matching/matching-worker-pool.ts';
import type { TextPipeline, TokenizerChoice } from '#services/matching/text-pipeline.ts';

export interface WorkflowOptions {
  /** Share a text pipeline (tests); otherwise the service starts its own. */
  text?: TextPipeline;
  tokenizer?: TokenizerChoice;
  /** How often edits by other processes are looked for (default 1 s). */
  refreshIntervalMs?: number;
  /** Store matching index snapshots in the database (default true). */
  persist?: boolean;
  /**
   * Matching worker threads (default: one per core but one, at least 1; 0 runs matching in this
   * thread, the default when a shared `text` pipeline is given).
   */
  matchingWorkers?: number;
  /** Searches that may wait for a turn before new ones get 429 (default 16). */
  maxWaitingMatches?: number;
  /** Where the workflow reports what happened (notifications); nowhere when absent. */
  notifications?: NotificationSink;
  /** EDICT for matching's gloss links (word links, English needs); none when absent. */
  glossLinks?: GlossLinkSource;
}

/** One matching worker per core, leaving one core to the server's own thread (1 to 2). */
export function defaultMatchingWorkers(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

export interface WorkflowServices {
  matching(): Promise<BoundedMatchingService>;
  /** Consultations without the matching index (boards, moves, notes start at once). */
  readonly consultations: ConsultationService;
  /** Consultations whose candidate judgements also feed the ranking (starts the index). */
  judging(): Promise<ConsultationService>;
  readonly disclosures: DisclosureService;
  /** Starts the matching index now (the server warms it at start). */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export function createWorkflowServices(
  repos: Repositories,
  clock: Clock,
  options: WorkflowOptions = {},
): WorkflowServices {
  let matching: Promise<BoundedMatchingService> | undefined;
  let judging: Promise<ConsultationService> | undefined;
  const sink = options.notifications !== undefined ? { notifications: options.notifications } : {};
  const workers =
    options.matchingWorkers ?? (options.text !== undefined ? 0 : defaultMatchingWorkers());
  const shared = {
    ...(options.tokenizer ? { tokenizer: options.tokenizer } : {}),
    ...(options.refreshIntervalMs !== undefined
      ? { refreshIntervalMs: options.refreshIntervalMs }
      : {}),
    ...(options.persist !== undefined ? { persist: options.persist } : {}),
    ...(options.glossLinks !== undefined ? { glossLinks: options.glossLinks } : {}),
  };
  const createMatching = (): Promise<MatchingService> =>
    workers > 0
      ? createWorkerMatchingService({ store: repos, clock, workers, ...shared })
      : createMatchingService({
          repos,
          clock,
          ...(options.text ? { text: options.text } : {}),
          ...shared,
        });
  const startMatching = (): Promise<BoundedMatchingService> => {
    matching ??= createMatching()
      .then((service) =>
        boundMatching(service, {
          concurrency: Math.max(1, workers),
          maxWaiting: options.maxWaitingMatches ?? DEFAULT_MAX_WAITING_MATCHES,
        }),
      )
      .catch((error: unknown) => {
        matching = undefined; // try again on the next request
        throw error;
      });
    return matching;
  };
  return {
    matching: startMatching,
    consultations: createConsultationService({ repos, clock, ...sink }),
    judging() {
      judging ??= startMatching().then((service) =>
        createConsultationService({ repos, clock, matching: service, ...sink }),
      );
      return judging;
    },
    disclosures: createDisclosureService({ repos, clock, ...sink }),
    async warm() {
      await startMatching();
    },
    async close() {
      if (matching) await (await matching).close();
    },
  };
}
