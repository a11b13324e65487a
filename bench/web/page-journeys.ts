/**
 * What a user waits for, measured over HTTP as the web app asks (issue 11 "Speed", issue 16
 * point 4): each analysis page's requests, sent together as the page sends them, until the last
 * answer; and each role's journey, page after page, each page's requests timed end to end.
 */
import { DEMO_ACCOUNTS } from '#demo/demo-accounts.ts';

export interface TimedRequests {
  name: string;
  requests: string[];
  /** The slowest status of the page's answers (0: no answer). */
  status: number;
  seconds: number;
}

export interface Session {
  cookie: string;
  csrf: string;
}

interface Request {
  method?: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

async function send(
  url: string,
  request: Request,
  session?: Session,
): Promise<{ status: number; body: unknown }> {
  try {
    const response = await fetch(new URL(request.path.replace(/^\//, ''), url), {
      method: request.method ?? 'GET',
      headers: {
        ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
      },
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      signal: AbortSignal.timeout(180_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (a report's HTML): kept as text
    }
    return { status: response.status, body };
  } catch {
    return { status: 0, body: undefined };
  }
}

/** One page: its requests together, until the last answer. */
export async function timePage(
  url: string,
  name: string,
  requests: readonly Request[],
  session?: Session,
): Promise<TimedRequests & { answers: unknown[] }> {
  const started = performance.now();
  const answers = await Promise.all(requests.map((r) => send(url, r, session)));
  const seconds = (performance.now() - started) / 1000;
  const failed = answers.find((a) => a.status === 0 || a.status >= 400);
  return {
    name,
    requests: requests.map((r) => `${r.method ?? 'GET'} ${r.path}`),
    status: failed?.status ?? answers[0]?.status ?? 0,
    seconds: Math.round(seconds * 1000) / 1000,
    answers: answers.map((a) => a.body),
  };
}

/** The analysis pages with the requests each sends on opening (the app's defaults). */
export function analysisPages(community: string): { name: string; requests: Request[] }[] {
  return [
    {
      name: 'home',
      requests: [
        { path: '/api/auth/me' },
        { path: '/api/web/meta' },
        { path: '/api/web/communities' },
        { path: '/api/web/summary' },
      ],
    },
    { name: 'roles', requests: [{ path: '/api/analyses/roles' }] },
    {
      name: 'brokers (network)',
      requests: [
        { path: '/api/web/network?maxEdges=40000' },
        { path: '/api/analyses/brokers?limit=15' },
      ],
    },
    { name: 'strengths', requests: [{ path: '/api/analyses/strengths/map?measure=records' }] },
    {
      name: 'communities (one community)',
      requests: [
        { path: `/api/web/summary?community=${community}` },
        { path: `/api/analyses/gap-fill?community=${community}` },
      ],
    },
    { name: 'money (Shizuoka)', requests: [{ path: '/api/analyses/money?prefecture=22' }] },
  ];
}

export async function signIn(url: string, key: string): Promise<Session> {
  const account = DEMO_ACCOUNTS.find((a) => a.key === key);
  const response = await fetch(new URL('api/auth/sign-in', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account?.email, password: account?.password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${key} failed: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return { cookie, csrf: decodeURIComponent(/musubi_csrf=([^;]+)/.exec(cookie)?.[1] ?? '') };
}

export interface JourneyTime {
  role: string;
  steps: TimedRequests[];
  totalSeconds: number;
}

const SHELL: Request[] = [{ path: '/api/auth/me' }, { path: '/api/notifications/unread-count' }];

function idsOf(body: unknown, list = 'items'): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const items = (body as Record<string, unknown>)[list];
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) =>
    typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string'
      ? [(item as { id: string }).id]
      : [],
  );
}

/** Each role's main journey, page by page (sign-in included). */
export async function timeJourneys(url: string): Promise<JourneyTime[]> {
  const out: JourneyTime[] = [];
  const run = async (
    role: string,
    key: string,
    pages: (
      step: (name: string, requests: Request[]) => Promise<unknown[]>,
      me: { organisationId: string | null },
    ) => Promise<void>,
  ) => {
    const steps: TimedRequests[] = [];
    const started = performance.now();
    const signInStarted = performance.now();
    const session = await signIn(url, key);
    steps.push({
      name: 'sign in',
      requests: ['POST /api/auth/sign-in'],
      status: 200,
      seconds: Math.round(performance.now() - signInStarted) / 1000,
    });
    const step = async (name: string, requests: Request[]) => {
      const { answers, ...timed } = await timePage(url, name, [...SHELL, ...requests], session);
      steps.push(timed);
      return answers.slice(SHELL.length);
    };
    await step('home (signed in)', [{ path: '/api/web/summary' }]);
    const account = await send(url, { path: '/api/auth/me' }, session);
    const organisationId =
      typeof account.body === 'object' && account.body !== null
        ? String(
            (account.body as { account?: { organisationId?: string | null } }).account
              ?.organisationId ?? '',
          ) || null
        : null;
    await pages(step, { organisationId });
    out.push({
      role,
      steps,
      totalSeconds: Math.round(performance.now() - started) / 1000,
    });
  };

  await run('coordinator: a consultation', 'coordinator', async (step) => {
    const [board] = await step('board', [{ path: '/api/consultations/board' }]);
    const stages =
      typeof board === 'object' && board !== null ? (board as { stages?: unknown[] }).stages : [];
    const id = (stages ?? []).flatMap((stage) => idsOf(stage))[0] ?? '';
    const at = `/api/consultations/${encodeURIComponent(id)}`;
    await step('case', [
      { path: at },
      { path: `${at}/next-stages` },
      { path: `${at}/coordinator-candidates` },
    ]);
    await step('inbox', [{ path: '/api/notifications?limit=50' }]);
  });

  await run('company: a confidential need', 'company', async (step, me) => {
    const owner = me.organisationId ?? '';
    await step('my needs', [{ path: `/api/needs?ownerId=${encodeURIComponent(owner)}&limit=200` }]);
    const id = `bench-need-${Date.now()}`;
    await step('register the need (/needs/new)', [
      {
        method: 'POST',
        path: '/api/needs',
        body: {
          id,
          title: '検査工程の自動化',
          description: '小ロットの外観検査を自動化したい',
          confidentiality: 'confidential',
          ownerId: owner,
        },
      },
    ]);
    await step('the need', [{ path: `/api/needs/${id}` }]);
    await step('open a consultation', [
      { method: 'POST', path: '/api/consultations', body: { needId: id } },
    ]);
  });

  await run('admin: the review queue', 'admin', async (step) => {
    await step('review queue', [{ path: '/api/reviews?status=open' }]);
    await step('an actor', [{ path: '/api/actors?limit=1' }]);
    await step('accounts', [{ path: '/api/accounts?limit=50' }]);
  });
  return out;
}
