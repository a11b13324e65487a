/**
 * Profile confirmation (EEN-style): an organisation's members confirm that its actor record is
 * still true; a profile not confirmed for 12 months is flagged (`needsConfirmation`) and its
 * members are reminded (`profile_unconfirmed`, at most once every 30 days per account).
 */
import { DomainError } from '#core/domain-error.ts';
import { needsConfirmation, type NotificationSink } from '#core/notifications.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import type { Principal } from '#core/accounts.ts';
import { updateRecord } from '../accounts/update-record.ts';

const REMIND_EVERY_MS = 30 * 86_400_000;

export interface ProfileConfirmation {
  actorId: string;
  confirmedAt: string | null;
  needsConfirmation: boolean;
}

function confirmedAtOf(record: Record<string, unknown>): string | null {
  const value = record['confirmedAt'];
  return typeof value === 'string' && value !== '' ? value : null;
}

export async function profileConfirmation(
  repos: Repositories,
  clock: Clock,
  actorId: string,
): Promise<ProfileConfirmation> {
  const stored = await repos.entity('actors').get(actorId);
  if (stored === undefined) throw new DomainError('not_found', `no actor ${actorId}`);
  const confirmedAt = confirmedAtOf(stored.record);
  return { actorId, confirmedAt, needsConfirmation: needsConfirmation(confirmedAt, clock.now()) };
}

/** A member of the organisation (or an administrator) confirms its profile today. */
export async function confirmProfile(
  repos: Repositories,
  context: { principal: Principal; clock: Clock },
  actorId: string,
): Promise<ProfileConfirmation> {
  const { principal, clock } = context;
  if (principal.kind !== 'account') throw new DomainError('unauthenticated', 'sign in first');
  const stored = await repos.entity('actors').get(actorId);
  if (stored === undefined) throw new DomainError('not_found', `no actor ${actorId}`);
  const account = principal.account;
  if (account.role !== 'admin' && (account.organisationId !== actorId || account.role === 'viewer'))
    throw new DomainError(
      'forbidden',
      `only members of ${actorId} confirm its profile / 組織のプロフィールはその組織の会員が確認します`,
    );
  const today = clock.now().toISOString().slice(0, 10);
  await updateRecord(
    repos,
    context,
    'actors',
    actorId,
    { confirmedAt: today },
    { expectedVersion: stored.version, mode: 'merge' },
  );
  return { actorId, confirmedAt: today, needsConfirmation: false };
}

/**
 * Reminds the members of every organisation whose profile needs confirmation (and that has
 * members), unless they were reminded in the last 30 days; returns the actors reminded.
 */
export async function remindUnconfirmedProfiles(
  repos: Repositories,
  clock: Clock,
  sink: NotificationSink,
): Promise<string[]> {
  const now = clock.now();
  const organisations = new Map<string, string[]>();
  for (const account of await repos.accounts.list()) {
    if (account.disabled || account.organisationId === null) continue;
    const members = organisations.get(account.organisationId) ?? [];
    members.push(account.id);
    organisations.set(account.organisationId, members);
  }
  const reminded: string[] = [];
  for (const [actorId, members] of organisations) {
    const stored = await repos.entity('actors').get(actorId);
    if (stored === undefined) continue;
    const confirmedAt = confirmedAtOf(stored.record);
    if (!needsConfirmation(confirmedAt, now)) continue;
    let recent = false;
    for (const member of members) {
      const last = await repos.notifications.lastAt(member, 'profile_unconfirmed', actorId);
      if (last !== undefined && now.getTime() - Date.parse(last) < REMIND_EVERY_MS) recent = true;
    }
    if (recent) continue;
    await sink.publish({ kind: 'profile_unconfirmed', actorId, confirmedAt });
    reminded.push(actorId);
  }
  return reminded;
}
