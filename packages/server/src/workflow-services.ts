/**
 * The matching, consultation and disclosure services behind the API, created on first use: the
 * matching index reads every seed, need, actor and relation, which a server that never matches
 * should not pay for at start. One instance per app; `close` stops the tokenizer it owns.
 */
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
  createMatchingService,
  type MatchingService,
} from '#services/matching/matching-service.ts';
import type { TextPipeline, TokenizerChoice } from '#services/matching/text-pipeline.ts';

export interface WorkflowOptions {
  /** Share a text pipeline (tests); otherwise the service starts its own. */
  text?: TextPipeline;
  tokenizer?: TokenizerChoice;
  /** How often edits by other processes are looked for (default 1 s). */
  refreshIntervalMs?: number;
  /** Store matching index snapshots in the database (default true). */
  persist?: boolean;
  /** Where the workflow reports what happened (notifications); nowhere when absent. */
  notifications?: NotificationSink;
}

export interface WorkflowServices {
  matching(): Promise<MatchingService>;
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
  let matching: Promise<MatchingService> | undefined;
  let judging: Promise<ConsultationService> | undefined;
  const sink = options.notifications !== undefined ? { notifications: options.notifications } : {};
  const startMatching = (): Promise<MatchingService> => {
    matching ??= createMatchingService({
      repos,
      clock,
      ...(options.text ? { text: options.text } : {}),
      ...(options.tokenizer ? { tokenizer: options.tokenizer } : {}),
      ...(options.refreshIntervalMs !== undefined
        ? { refreshIntervalMs: options.refreshIntervalMs }
        : {}),
      ...(options.persist !== undefined ? { persist: options.persist } : {}),
    }).catch((error: unknown) => {
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
