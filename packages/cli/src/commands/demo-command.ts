import { DomainError } from '#core/domain-error.ts';
import { systemClock, type Repositories } from '#core/ports.ts';
import { createDemoAccounts, formatDemoCredentials } from '#demo/demo-accounts.ts';
import { createDemoWorkflow } from '#demo/demo-workflow.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';
import { createProgress } from '../progress.ts';
import { runServe, type ServeOptions } from './serve-command.ts';

function parseSeed(value: string | undefined): number {
  const seed = Number(value ?? '1');
  if (!Number.isInteger(seed))
    throw new DomainError('validation_failed', `--seed must be a whole number, got "${value}"`);
  return seed;
}

async function loadWithProgress(repos: Repositories, seed: number, context: CommandContext) {
  const progress = createProgress('demo', context.stderr);
  const started = performance.now();
  try {
    const result = await loadDemoEcosystem(repos, {
      seed,
      onProgress: (entity, done, total) => progress.update(done, total, entity),
    });
    progress.stop();
    return { ...result, seconds: (performance.now() - started) / 1000 };
  } finally {
    progress.stop();
  }
}

export async function runDemo(
  options: { db?: string; seed?: string; json?: boolean },
  context: CommandContext,
): Promise<void> {
  const seed = parseSeed(options.seed);
  const database = await openTarget(options.db, context);
  try {
    const { counts, seconds } = await loadWithProgress(database.repos, seed, context);
    const accounts = await createDemoAccounts(database.repos, { clock: systemClock });
    await createDemoWorkflow(database.repos, { clock: systemClock });
    if (options.json) {
      const credentials = accounts.map(({ key, role, email, password, organisationId }) => ({
        key,
        role,
        email,
        password,
        organisationId,
      }));
      writeLine(context.stdout, JSON.stringify({ ...counts, seconds, accounts: credentials }));
      return;
    }
    const summary = Object.entries(counts)
      .map(([name, n]) => `${name} ${n.toLocaleString('en')}`)
      .join(', ');
    writeLine(
      context.stdout,
      `demo ecosystem loaded into ${database.location} in ${seconds.toFixed(1)} s: ${summary}`,
    );
    for (const line of formatDemoCredentials(accounts)) writeLine(context.stdout, line);
  } finally {
    await database.close();
  }
}

/** The main job: make sure there is something to look at, then serve it. */
export async function runStart(options: ServeOptions, context: CommandContext): Promise<void> {
  await runServe(options, context, async (repos) => {
    if ((await repos.entity('actors').count()) > 0) return;
    writeLine(context.stdout, 'empty database: loading the demo ecosystem…');
    const { seconds } = await loadWithProgress(repos, 1, context);
    writeLine(context.stdout, `demo ecosystem loaded in ${seconds.toFixed(1)} s`);
    const accounts = await createDemoAccounts(repos, { clock: systemClock });
    await createDemoWorkflow(repos, { clock: systemClock });
    for (const line of formatDemoCredentials(accounts)) writeLine(context.stdout, line);
  });
}
