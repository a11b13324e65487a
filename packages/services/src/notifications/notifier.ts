/**
 * The notifier: turns what the use cases report (`WorkflowEvent`, ids only) into inbox messages
 * for the accounts concerned and, for those who chose it, mail in the outbox. Messages name a
 * need only as `need-label.ts` allows (never a confidential need's title or description).
 *
 * It never fails the use case that called it: a failure is reported to `onError` (the server
 * logs it). Mail is only queued here; the mail dispatcher sends it.
 */
import { randomUUID } from 'node:crypto';
import type { Account } from '#core/accounts.ts';
import {
  CONSULTATION_STAGE_LABELS_JA,
  REJECTION_REASON_LABELS_JA,
  type ConsultationStage,
} from '#core/consultation.ts';
import {
  DEFAULT_EMAIL_PREFERENCES,
  type Notification,
  type NotificationKind,
  type NotificationSink,
  type WorkflowEvent,
} from '#core/notifications.ts';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import { needLabel, type NeedLabel } from './need-label.ts';

const STAGE_LABELS_EN: Record<ConsultationStage, string> = {
  intake: 'intake',
  triage: 'triage',
  candidates_proposed: 'candidates proposed',
  meeting: 'meeting',
  agreement: 'agreement',
  closed: 'closed',
};

/** A message before it is addressed. */
interface Message {
  kind: NotificationKind;
  titleJa: string;
  titleEn: string;
  link: string;
  subject: Record<string, string>;
}

export interface NotifierOptions {
  repos: Repositories;
  clock?: Clock;
  /** Told after mail was queued (the dispatcher sends it at once). */
  onMailQueued?: () => void;
  /** Told when a notification could not be made (logged by the server; never thrown). */
  onError?: (error: unknown) => void;
  /** Base of the links in e-mails (e.g. https://musubi.example.org); paths alone otherwise. */
  publicUrl?: string;
  /** Inbox only, no mail (the demo's history: its addresses are not real). */
  inboxOnly?: boolean;
}

export interface Notifier extends NotificationSink {
  /** Stores `message` for each account (except `except`) and queues mail as each one chose. */
  deliver(accountIds: Iterable<string>, message: Message, except?: string): Promise<void>;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const { repos } = options;
  const clock = options.clock ?? systemClock;
  const onError =
    options.onError ??
    ((error: unknown) => {
      console.error('musubi: a notification could not be made', error);
    });

  const accountsById = async (): Promise<Map<string, Account>> =>
    new Map((await repos.accounts.list()).map((a) => [a.id, a]));

  const membersOf = async (organisationId: string): Promise<string[]> =>
    (await repos.accounts.list())
      .filter((a) => a.organisationId === organisationId && !a.disabled)
      .map((a) => a.id);

  const textOf = async (entity: 'seeds' | 'actors', id: string, field: string) => {
    const stored = await repos.entity(entity).get(id);
    const value = stored?.record[field];
    return typeof value === 'string' ? value : id;
  };

  const mailText = (message: Message): string => {
    const link = `${options.publicUrl?.replace(/\/$/, '') ?? ''}${message.link}`;
    return [
      message.titleJa,
      message.titleEn,
      '',
      `詳しくは / Details: ${link}`,
      '',
      '通知のメールは設定で選べます / Choose which e-mails you get in your notification settings.',
    ].join('\n');
  };

  const deliver: Notifier['deliver'] = async (accountIds, message, except) => {
    const accounts = await accountsById();
    const at = clock.now().toISOString();
    let queued = false;
    await repos.transaction(async (tx) => {
      for (const accountId of new Set(accountIds)) {
        const account = accounts.get(accountId);
        if (account === undefined || account.disabled || accountId === except) continue;
        const notification: Notification = {
          id: randomUUID(),
          accountId,
          at,
          ...message,
        };
        await tx.notifications.insert(notification);
        const chosen = {
          ...DEFAULT_EMAIL_PREFERENCES,
          ...(await tx.notifications.preferences(accountId)),
        };
        if (options.inboxOnly === true || !chosen[message.kind]) continue;
        await tx.notifications.enqueueMail({
          id: randomUUID(),
          to: account.email,
          subject: `[Musubi] ${message.titleJa} / ${message.titleEn}`,
          text: mailText(message),
          createdAt: at,
          attempts: 0,
          nextAttemptAt: at,
        });
        queued = true;
      }
    });
    if (queued) options.onMailQueued?.();
  };

  const consultationOf = async (id: string) => {
    const stored = await repos.consultations.get(id);
    if (stored === undefined) return undefined;
    return { c: stored.record, label: await needLabel(repos, stored.record.needId) };
  };

  const seedMessage = async (
    kind: 'seed_proposed' | 'seed_judged',
    consultationId: string,
    seedId: string,
    label: NeedLabel,
    verdict?: { ja: string; en: string },
  ): Promise<{ owner: string | undefined; message: Message }> => {
    const stored = await repos.entity('seeds').get(seedId);
    const owner = stored?.record['ownerId'];
    const title = await textOf('seeds', seedId, 'title');
    return {
      owner: typeof owner === 'string' ? owner : undefined,
      message: {
        kind,
        titleJa:
          verdict === undefined
            ? `シーズ「${title}」が${label.ja}の相談で候補に提案されました`
            : `シーズ「${title}」は${label.ja}の相談で${verdict.ja}`,
        titleEn:
          verdict === undefined
            ? `Your seed "${title}" was proposed as a candidate for ${label.en}`
            : `Your seed "${title}" was ${verdict.en} for ${label.en}`,
        link: `/seeds/${encodeURIComponent(seedId)}/proposals`,
        subject: { seedId, consultationId },
      },
    };
  };

  const handle = async (event: WorkflowEvent): Promise<void> => {
    switch (event.kind) {
      case 'case_assigned': {
        const found = await consultationOf(event.consultationId);
        if (found === undefined) return;
        await deliver(
          [event.coordinatorId],
          {
            kind: 'case_assigned',
            titleJa: `${found.label.ja}の相談の担当になりました`,
            titleEn: `You were assigned to the consultation on ${found.label.en}`,
            link: `/consultations/${encodeURIComponent(event.consultationId)}`,
            subject: { consultationId: event.consultationId },
          },
          event.by,
        );
        return;
      }
      case 'need_assigned': {
        const label = await needLabel(repos, event.needId);
        await deliver(
          [event.coordinatorId],
          {
            kind: 'case_assigned',
            titleJa: `${label.ja}の担当コーディネーターになりました`,
            titleEn: `You were made a coordinator of ${label.en}`,
            link: `/needs/${encodeURIComponent(event.needId)}`,
            subject: { needId: event.needId },
          },
          event.by,
        );
        return;
      }
      case 'case_opened': {
        const found = await consultationOf(event.consultationId);
        if (found === undefined) return;
        const onCase = new Set(found.c.coordinatorIds);
        const assigned = (await repos.accounts.assignmentsOf(found.c.needId))
          .map((a) => a.accountId)
          .filter((id) => !onCase.has(id));
        await deliver(
          assigned,
          {
            kind: 'case_assigned',
            titleJa: `担当する${found.label.ja}について相談が開始されました`,
            titleEn: `A consultation was opened on ${found.label.en}, which you coordinate`,
            link: `/consultations/${encodeURIComponent(event.consultationId)}`,
            subject: { consultationId: event.consultationId, needId: found.c.needId },
          },
          event.by,
        );
        return;
      }
      case 'case_moved': {
        const found = await consultationOf(event.consultationId);
        if (found === undefined) return;
        const stageJa = CONSULTATION_STAGE_LABELS_JA[event.to];
        const stageEn = STAGE_LABELS_EN[event.to];
        await deliver(
          [...found.c.coordinatorIds, ...(await membersOf(found.c.requesterId))],
          {
            kind: 'case_moved',
            titleJa: `${found.label.ja}の相談が「${stageJa}」${event.back ? 'に戻りました' : 'に進みました'}`,
            titleEn: `The consultation on ${found.label.en} ${event.back ? 'went back' : 'moved'} to ${stageEn}${event.outcome !== undefined ? ` (${event.outcome})` : ''}`,
            link: `/consultations/${encodeURIComponent(event.consultationId)}`,
            subject: { consultationId: event.consultationId, stage: event.to },
          },
          event.by,
        );
        return;
      }
      case 'candidates_proposed': {
        const found = await consultationOf(event.consultationId);
        if (found === undefined) return;
        for (const seedId of new Set(event.seedIds)) {
          const { owner, message } = await seedMessage(
            'seed_proposed',
            event.consultationId,
            seedId,
            found.label,
          );
          if (owner !== undefined) await deliver(await membersOf(owner), message, event.by);
        }
        return;
      }
      case 'candidate_judged': {
        const found = await consultationOf(event.consultationId);
        if (found === undefined) return;
        const reason = event.reason;
        const verdict =
          event.decision === 'chosen'
            ? { ja: '採用されました', en: 'chosen' }
            : {
                ja: `見送られました（理由: ${reason !== undefined ? REJECTION_REASON_LABELS_JA[reason] : '—'}）`,
                en: `passed over (reason: ${reason?.replaceAll('_', ' ') ?? '—'})`,
              };
        const { owner, message } = await seedMessage(
          'seed_judged',
          event.consultationId,
          event.seedId,
          found.label,
          verdict,
        );
        if (owner !== undefined) await deliver(await membersOf(owner), message, event.by);
        return;
      }
      case 'interest_expressed': {
        const need = await repos.entity('needs').get(event.needId);
        const owner = need?.record['ownerId'];
        if (typeof owner !== 'string') return;
        const label = await needLabel(repos, event.needId);
        const from = await textOf('actors', event.organisationId, 'name');
        await deliver(
          await membersOf(owner),
          {
            kind: 'digest_interest',
            titleJa: `${from}が${label.ja}に関心を示し、開示を求めています`,
            titleEn: `${from} is interested in ${label.en} and asks for disclosure`,
            link: `/needs/${encodeURIComponent(event.needId)}`,
            subject: { needId: event.needId, requestId: event.requestId },
          },
          event.by,
        );
        return;
      }
      case 'disclosure_decided': {
        const label = await needLabel(repos, event.needId);
        await deliver(
          await membersOf(event.organisationId),
          event.accepted
            ? {
                kind: 'disclosure_accepted',
                titleJa: `${label.ja}の開示が承諾されました`,
                titleEn: `Disclosure of ${label.en} was accepted`,
                link: `/needs/${encodeURIComponent(event.needId)}`,
                subject: { needId: event.needId, requestId: event.requestId },
              }
            : {
                kind: 'disclosure_declined',
                titleJa: `${label.ja}の開示は見送られました`,
                titleEn: `Disclosure of ${label.en} was declined`,
                link: '/digests',
                subject: { requestId: event.requestId },
              },
          event.by,
        );
        return;
      }
      case 'profile_unconfirmed': {
        const name = await textOf('actors', event.actorId, 'name');
        const since = event.confirmedAt ?? null;
        await deliver(await membersOf(event.actorId), {
          kind: 'profile_unconfirmed',
          titleJa: `組織プロフィール「${name}」を確認してください（${since === null ? '未確認' : `最終確認 ${since}`}）`,
          titleEn: `Please confirm the profile of ${name} (${since === null ? 'never confirmed' : `last confirmed ${since}`})`,
          link: `/actors/${encodeURIComponent(event.actorId)}`,
          subject: { actorId: event.actorId },
        });
        return;
      }
    }
  };

  return {
    deliver,
    async publish(event) {
      try {
        await handle(event);
      } catch (error) {
        onError(error);
      }
    },
  };
}
