import type { Principal } from '#core/accounts.ts';
import type { EntityCounts, Repositories } from '#core/ports.ts';
import { needVisibilityFor } from './need-visibility.ts';

/** Record counts as the principal may see them: needs it may not see are never counted. */
export async function countVisibleRecords(
  repos: Repositories,
  principal: Principal,
): Promise<EntityCounts> {
  const counts = await repos.counts();
  const visibility = await needVisibilityFor(repos, principal);
  return { ...counts, needs: await visibility.count() };
}
