/**
 * The demo's consultations (相談): cases in every stage, each with its history, made by running
 * the real use cases as the demo accounts over the past weeks — candidates proposed, judged with
 * reasons, one backward move with its reason, a won and a lost case, and the staged disclosure
 * of the company's confidential need (digest, the university's interest, the NDA accepted). The
 * notifications they raise fill the demo accounts' inboxes (no mail: the addresses are not real).
 *
 * Reproducible: the same data and accounts give the same cases, stages, judgements and times
 * (the record ids are random). Runs once: a database that already has consultations is left alone.
 */
import { viewerOf, type Account } from '#core/accounts.ts';
import type { Clock, Repositories, StoredRecord } from '#core/ports.ts';
import type { Viewer } from '#core/viewer.ts';
import { createConsultationService } from '#services/consultations/consultation-service.ts';
import { createDisclosureService } from '#services/consultations/disclosure-service.ts';
import { createNotifier } from '#services/notifications/notifier.ts';
import { remindUnconfirmedProfiles } from '#services/notifications/profile-confirmation.ts';

const HOUR = 3_600_000;

export interface DemoWorkflowResult {
  consultations: number;
  notifications: number;
}

function viewer(account: Account): Viewer {
  return viewerOf({ kind: 'account', account, via: 'session' });
}

async function needsOf(repos: Repositories, where: Record<string, string>, limit: number) {
  return (await repos.entity('needs').list({ limit, where })).items;
}

export async function createDemoWorkflow(
  repos: Repositories,
  options: { clock: Clock },
): Promise<DemoWorkflowResult> {
  if ((await repos.consultations.list({ limit: 1 })).length > 0)
    return { consultations: 0, notifications: 0 };
  const byEmail = async (email: string) => (await repos.accounts.findByEmail(email))?.account;
  const coordinatorAccount = await byEmail('coordinator@demo.musubi.example');
  const adminAccount = await byEmail('admin@demo.musubi.example');
  const companyAccount = await byEmail('company@demo.musubi.example');
  const universityAccount = await byEmail('university@demo.musubi.example');
  if (!coordinatorAccount || !adminAccount || !companyAccount?.organisationId)
    return { consultations: 0, notifications: 0 };
  const coordinator = viewer(coordinatorAccount);
  const company = viewer(companyAccount);
  const university = universityAccount ? viewer(universityAccount) : undefined;

  // The history starts five weeks ago and moves on a few hours per step.
  let at = options.clock.now().getTime() - 35 * 24 * HOUR;
  const clock: Clock = { now: () => new Date(at) };
  const later = (hours: number) => void (at += hours * HOUR);
  const notifier = createNotifier({ repos, clock, inboxOnly: true });
  const consultations = createConsultationService({ repos, clock, notifications: notifier });
  const disclosures = createDisclosureService({ repos, clock, notifications: notifier });

  // Seeds of the university member's organisation first, so its member hears of them.
  const seeds: StoredRecord[] = [
    ...(universityAccount?.organisationId
      ? (
          await repos
            .entity('seeds')
            .list({ limit: 4, where: { ownerId: universityAccount.organisationId } })
        ).items
      : []),
    ...(await repos.entity('seeds').list({ limit: 8 })).items,
  ];
  const seedIds = [...new Set(seeds.map((s) => String(s['id'])))];
  const seed = (i: number) => seedIds[i % Math.max(seedIds.length, 1)] ?? '';
  if (seedIds.length < 2) return { consultations: 0, notifications: 0 };

  const companyId = companyAccount.organisationId;
  const assigned = await repos.accounts.assignedNeeds(coordinatorAccount.id);
  const confidential = assigned[0];
  const companyPublic = (
    await needsOf(repos, { ownerId: companyId, confidentiality: 'public' }, 3)
  ).map((n) => String(n['id']));
  const publicNeeds = [
    ...companyPublic,
    ...(await needsOf(repos, { confidentiality: 'public' }, 12)).map((n) => String(n['id'])),
  ].filter((id, i, all) => all.indexOf(id) === i && id !== confidential);
  const need = (i: number) => publicNeeds[i];
  let opened = 0;

  /** Opens a case on a public need as the coordinator and takes it to `stage`. */
  const caseTo = async (
    needId: string | undefined,
    steps: (id: string) => Promise<void>,
  ): Promise<void> => {
    if (needId === undefined) return;
    const c = await consultations.open(coordinator, needId, {
      note: '初回ヒアリング済み / first call held',
    });
    opened += 1;
    later(20);
    await steps(c.id);
  };
  const move = async (id: string, to: Parameters<typeof consultations.move>[2]) => {
    await consultations.move(coordinator, id, to);
    later(30);
  };

  // 受付 (intake): the company opened one itself (when it has a public need); nobody took it yet.
  if (need(0) !== undefined) {
    const own = companyPublic[0] !== undefined;
    await consultations.open(own ? company : coordinator, need(0) ?? '', {
      note: '試作の相談をしたい',
    });
    opened += 1;
    later(6);
  }
  // 振り分け (triage).
  await caseTo(need(1), async (id) => move(id, { to: 'triage' }));
  // 候補提案 (candidates proposed), one rejected with its reason.
  await caseTo(need(2), async (id) => {
    await move(id, { to: 'triage' });
    await consultations.proposeCandidates(coordinator, id, [seed(0), seed(1)]);
    later(48);
    await consultations.judgeCandidate(coordinator, id, {
      seedId: seed(1),
      decision: 'rejected',
      reason: 'wrong_field',
    });
    later(10);
  });
  // 面談 (meeting), after going back once with a reason; an administrator joins the case.
  await caseTo(need(3), async (id) => {
    await move(id, { to: 'triage' });
    await consultations.proposeCandidates(coordinator, id, [seed(2)]);
    later(24);
    await move(id, { to: 'meeting' });
    await move(id, {
      to: 'candidates_proposed',
      back: true,
      reason: '面談で用途が合わず、候補を見直す',
    });
    await consultations.proposeCandidates(coordinator, id, [seed(0)]);
    await consultations.judgeCandidate(coordinator, id, {
      seedId: seed(2),
      decision: 'rejected',
      reason: 'too_early_stage',
    });
    await consultations.judgeCandidate(coordinator, id, { seedId: seed(0), decision: 'chosen' });
    await consultations.assign(coordinator, id, adminAccount.id);
    await move(id, { to: 'meeting' });
  });
  // 合意 (agreement).
  await caseTo(need(4), async (id) => {
    await move(id, { to: 'triage' });
    await consultations.proposeCandidates(coordinator, id, [seed(3)]);
    await consultations.judgeCandidate(coordinator, id, { seedId: seed(3), decision: 'chosen' });
    await move(id, { to: 'meeting' });
    await move(id, { to: 'agreement', agreementType: 'contract_research' });
  });
  // 終了 (closed): one won, one lost.
  await caseTo(need(5), async (id) => {
    await move(id, { to: 'triage' });
    await consultations.proposeCandidates(coordinator, id, [seed(1)]);
    await consultations.judgeCandidate(coordinator, id, { seedId: seed(1), decision: 'chosen' });
    await move(id, { to: 'meeting' });
    await move(id, { to: 'agreement', agreementType: 'joint_research' });
    await move(id, { to: 'closed', outcome: 'won' });
  });
  await caseTo(need(6), async (id) => {
    await move(id, { to: 'triage' });
    await consultations.proposeCandidates(coordinator, id, [seed(2)]);
    await consultations.judgeCandidate(coordinator, id, {
      seedId: seed(2),
      decision: 'rejected',
      reason: 'route_to_market_unclear',
    });
    await move(id, { to: 'closed', outcome: 'lost', reason: '適合する候補が見つからなかった' });
  });

  // The company's confidential need: its own case, taken by the coordinator it assigned, with
  // the staged disclosure to the university.
  if (confidential !== undefined) {
    const c = await consultations.open(company, confidential, { note: '社外秘の相談' });
    opened += 1;
    later(4);
    await consultations.assign(coordinator, c.id, coordinatorAccount.id);
    await move(c.id, { to: 'triage' });
    await consultations.proposeCandidates(coordinator, c.id, [seed(0), seed(1)]);
    later(24);
    await consultations.judgeCandidate(company, c.id, {
      seedId: seed(1),
      decision: 'rejected',
      reason: 'too_early_stage',
    });
    later(12);
    const digest = await disclosures.publishDigest(company, confidential);
    later(30);
    if (university !== undefined) {
      const { requestId } = await disclosures.expressInterest(
        university,
        digest.digestId,
        '共同研究の可能性を相談したい',
      );
      later(40);
      await disclosures.decide(company, requestId, { accept: true, agreementRef: 'NDA-DEMO-001' });
      later(8);
    }
    await consultations.judgeCandidate(company, c.id, { seedId: seed(0), decision: 'chosen' });
    await move(c.id, { to: 'meeting' });
  }

  await remindUnconfirmedProfiles(repos, clock, notifier);
  let notifications = 0;
  for (const account of await repos.accounts.list())
    notifications += (await repos.notifications.list(account.id, { limit: 200 })).items.length;
  return { consultations: opened, notifications };
}
