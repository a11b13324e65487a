/**
 * The `musubi analyze …` group: communities, roles, gap filling, brokers, strengths, the region's
 * money, strategy and people, and programme continuation. Each command's module loads on use.
 */
import type { Command } from 'commander';
import { RELATION_TYPES } from '#core/vocabulary.ts';
import { DB_HELP } from './command-options.ts';
import type { CommandContext } from './context.ts';

export function addAnalyzeCommands(program: Command, context: CommandContext): void {
  const analyze = program
    .command('analyze')
    .description('network analytics: ABC communities, roles, gap filling, continuation factors');
  const communityOptions = (command: Command) =>
    command
      .option('--db <pathOrUrl>', DB_HELP)
      .option(
        '--resolution <r>',
        'Leiden resolution: above 1 smaller communities, below 1 larger (default 1)',
      )
      .option('--seed <n>', 'random seed; the same seed gives the same communities (default 1)')
      .option('--as-of <date>', 'reference date for recency weights (default today)')
      .option('--from <date>', 'only ties active from this date')
      .option('--to <date>', 'only ties active until this date')
      .option(
        '--types <list>',
        `relation types to use, comma-separated (${RELATION_TYPES.join(',')})`,
      )
      .option('--json', 'machine-readable output');
  communityOptions(
    analyze
      .command('communities')
      .description(
        'find Actors-Based Communities and compare them with prefectures; wheel gaps per community',
      ),
  )
    .option('--resolutions <list>', 'several resolutions at once, e.g. 0.5,1,2 (JSON: an array)')
    .option('--no-save', 'do not store the run as a snapshot')
    .action(async (options) =>
      (await import('./commands/analyze-command.ts')).runAnalyzeCommunities(options, context),
    );
  analyze
    .command('roles')
    .description(
      'star scientists, regional core companies and anchor companies, each with score and evidence',
    )
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--limit <n>', 'candidates per role (default 50)')
    .option('--star-top <share>', 'star scientists: top share of their field (default 0.1)')
    .option('--json', 'machine-readable output')
    .action(async (options) =>
      (await import('./commands/analyze-command.ts')).runAnalyzeRoles(options, context),
    );
  communityOptions(
    analyze
      .command('gap-fill')
      .description(
        'rank actors from anywhere to fill a community gap (missing wheel sector or capability)',
      ),
  )
    .option(
      '--community <id>',
      'community id: of the latest stored `analyze communities` run, or of the partition that --resolution/--seed/… name',
    )
    .option('--sector <sector>', 'wheel sector to fill (default: the first missing one)')
    .option('--keywords <list>', 'capabilities wanted, comma-separated')
    .option('--limit <n>', 'number of candidates (default 20)')
    .action(async (options) =>
      (await import('./commands/analyze-command.ts')).runAnalyzeGapFill(options, context),
    );

  analyze
    .command('brokers')
    .description(
      'brokers who bridge communities: betweenness, Burt’s constraint, communities bridged',
    )
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--community <id>', 'only the actors tying this community to others')
    .option('--limit <n>', 'number of brokers (default 50)')
    .option(
      '--samples <n>',
      'shortest paths sampled for betweenness on large graphs (default: enough for ±0.02)',
    )
    .option('--json', 'machine-readable output')
    .action(async (options) =>
      (await import('./commands/analyze-brokers-command.ts')).runAnalyzeBrokers(options, context),
    );

  analyze
    .command('strengths')
    .description('regional strengths: location quotient of each field, with its 95% interval')
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--prefecture <code>', 'prefecture code 01..47 (or --municipality, --community)')
    .option('--municipality <code>', '6-digit municipality code')
    .option('--community <id>', 'community id from `analyze communities`')
    .option(
      '--measure <m>',
      'records (default), seeds, kaken, companies, researchers, papers, patents',
    )
    .option('--json', 'machine-readable output')
    .action(async (options) =>
      (await import('./commands/analyze-strengths-command.ts')).runAnalyzeStrengths(
        options,
        context,
      ),
    );

  const regionOptions = (command: ReturnType<typeof analyze.command>) =>
    command
      .option('--db <pathOrUrl>', DB_HELP)
      .option('--prefecture <code>', 'prefecture code 01..47 (or --community)')
      .option('--community <id>', 'community id from `analyze communities`')
      .option('--json', 'machine-readable output');
  regionOptions(
    analyze
      .command('money')
      .description(
        'money and self-sustainability: flows by source and year, dependency on one programme, runway after national money',
      ),
  )
    .option('--as-of-fy <year>', 'observation fiscal year (default: the current one)')
    .option('--consortium <code>', 'a consortium’s code (its actor id; members by membership)')
    .action(async (options) =>
      (await import('./commands/analyze-region-command.ts')).runAnalyzeMoney(options, context),
    );
  regionOptions(
    analyze
      .command('strategy')
      .description('region strategy: KPI targets by year against the indicators, PDCA log'),
  )
    .option('--strategy <id>', 'one strategy by id (instead of a region)')
    .option('--as-of-fy <year>', 'observation fiscal year (default: the current one)')
    .action(async (options) =>
      (await import('./commands/analyze-region-command.ts')).runAnalyzeStrategy(options, context),
    );
  regionOptions(
    analyze
      .command('people')
      .description(
        'people: training programmes, local retention with its interval, coordinator turnover',
      ),
  )
    .option('--consortium <code>', 'a named consortium’s code (instead of a region)')
    .action(async (options) =>
      (await import('./commands/analyze-region-command.ts')).runAnalyzePeople(options, context),
    );

  analyze
    .command('continuation')
    .description(
      'which factors let activity continue after a national programme ends (JAREC): regression, cross-tabs, survival',
    )
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--as-of-fy <year>', 'observation fiscal year (default: the current one)')
    .option('--min-records <n>', 'fewer records: no regression (default 20)')
    .option('--json', 'machine-readable output')
    .action(async (options) =>
      (await import('./commands/analyze-command.ts')).runAnalyzeContinuation(options, context),
    );
}
