/**
 * Notifications (通知): what happened that an account should know, kept in its in-app inbox and,
 * when the account chose so, sent by e-mail.
 *
 * The use cases tell a `NotificationSink` what happened with ids only (`WorkflowEvent`); the
 * notifier turns that into messages for the right accounts. No message ever carries a
 * confidential need's title or description: a need is named by its title only when it is public,
 * otherwise by its published digest or as "a confidential need".
 */
import { z } from 'zod';
import type { CloseOutcome, ConsultationStage, RejectionReason } from './consultation.ts';

export { NOTIFICATION_KINDS, type NotificationKind } from './notification-kinds.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification-kinds.ts';

const ZIsoTimestamp = z.iso.datetime({ offset: true });

/** One message in an account's inbox. */
export const ZNotification = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  kind: z.enum(NOTIFICATION_KINDS),
  at: ZIsoTimestamp,
  /** Short text in both languages; never a confidential need's text. */
  titleJa: z.string(),
  titleEn: z.string(),
  /** Where in the app to look (a path). */
  link: z.string(),
  /** Ids the message is about (consultationId, seedId, actorId, requestId…). */
  subject: z.record(z.string(), z.string()),
  readAt: ZIsoTimestamp.optional(),
});
export type Notification = z.infer<typeof ZNotification>;

/** Which kinds an account gets by e-mail (all of them unless it says otherwise). */
export type EmailPreferences = Record<NotificationKind, boolean>;

export const DEFAULT_EMAIL_PREFERENCES: EmailPreferences = {
  case_assigned: true,
  case_moved: true,
  seed_proposed: true,
  seed_judged: true,
  digest_interest: true,
  disclosure_accepted: true,
  disclosure_declined: true,
  profile_unconfirmed: true,
};

/** A change of e-mail choices: the kinds named (unknown kinds are refused). */
export const ZEmailPreferencesUpdate = z.partialRecord(z.enum(NOTIFICATION_KINDS), z.boolean());

/** What a use case reports (ids only: the notifier looks up names and decides who hears it). */
export type WorkflowEvent =
  | { kind: 'case_assigned'; consultationId: string; coordinatorId: string; by: string }
  /** The need's owner (or an administrator) made a coordinator one of the need's own. */
  | { kind: 'need_assigned'; needId: string; coordinatorId: string; by: string }
  /** A case was opened on a need: its assigned coordinators hear of it. */
  | { kind: 'case_opened'; consultationId: string; by: string }
  | {
      kind: 'case_moved';
      consultationId: string;
      from: ConsultationStage;
      to: ConsultationStage;
      back: boolean;
      outcome?: CloseOutcome;
      by: string;
    }
  | { kind: 'candidates_proposed'; consultationId: string; seedIds: string[]; by: string }
  | {
      kind: 'candidate_judged';
      consultationId: string;
      seedId: string;
      decision: 'chosen' | 'rejected';
      reason?: RejectionReason;
      by: string;
    }
  | {
      kind: 'interest_expressed';
      needId: string;
      requestId: string;
      organisationId: string;
      by: string;
    }
  | {
      kind: 'disclosure_decided';
      needId: string;
      requestId: string;
      organisationId: string;
      accepted: boolean;
      by: string;
    }
  | { kind: 'profile_unconfirmed'; actorId: string; confirmedAt: string | null };

/**
 * Where use cases report what happened. Called after the change is committed; a sink must not
 * fail the use case (it records its own failures).
 */
export interface NotificationSink {
  publish(event: WorkflowEvent): Promise<void>;
}

export const SILENT_SINK: NotificationSink = { publish: async () => undefined };

/** A mail waiting to go out, kept until sent (retried with growing waits). */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt?: string;
  /** Set when the mail was given up after too many attempts (it stays in the outbox). */
  failedAt?: string;
  lastError?: string;
}

/** Sends one mail (SMTP, or the log when no server is configured). */
export interface MailTransport {
  /** Where mail goes, for the start-up line (never a password). */
  readonly description: string;
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
}

/** A profile not confirmed for this long raises `profile_unconfirmed` (EEN: 12 months). */
export const PROFILE_CONFIRMATION_MONTHS = 12;

/** True when `confirmedAt` (YYYY-MM-DD or ISO) is missing or 12 months or more before `now`. */
export function needsConfirmation(confirmedAt: string | undefined | null, now: Date): boolean {
  if (confirmedAt === undefined || confirmedAt === null || confirmedAt === '') return true;
  const confirmed = Date.parse(
    confirmedAt.length === 10 ? `${confirmedAt}T00:00:00Z` : confirmedAt,
  );
  if (Number.isNaN(confirmed)) return true;
  const limit = new Date(now.getTime());
  limit.setUTCMonth(limit.getUTCMonth() - PROFILE_CONFIRMATION_MONTHS);
  return confirmed <= limit.getTime();
}
