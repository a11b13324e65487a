import { Command, CommanderError, Option } from 'commander';
import { isDomainError } from '#core/domain-error.ts';
import { storageFailure } from '#db/storage-failure.ts';
import { ENTITY_NAMES } from '#core/entities/registry.ts';
import { INNOVATION_PATHS } from '#core/vocabulary.ts';
import { addAnalyzeCommands } from './analyze-commands.ts';
import { collectValues, DB_HELP } from './command-options.ts';
import { readConfig } from './config.ts';
import type { CommandContext } from './context.ts';
import { EXIT_CODES, EXIT_STORAGE_NOT_WRITABLE } from './exit-codes.ts';

// Command modules load on use: `musubi stats` should not pay for the XLSX reader or the demo generator.
const FILE_FORMATS = ['csv', 'json', 'ndjson', 'xlsx'] as const;

export function buildProgram(context: CommandContext): Command {
  const program = new Command('musubi')
    .description(
      'Musubi 結び — regional science & technology innovation ecosystems (ABC registry, analytics, matching)',
    )
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });

  program
    .command('start')
    .description(
      'load the demo ecosystem if the database is empty, then serve the web app and print its URL',
    )
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--port <n>', 'port to listen on (default: $PORT, then 3000)')
    .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
    .option(
      '--trust-proxy [proxies]',
      'behind a reverse proxy you run: take the client from X-Forwarded-For (its rightmost hop not in the comma list of further proxies) and the scheme from X-Forwarded-Proto (default: $MUSUBI_TRUST_PROXY, else off)',
    )
    .option(
      '--secure-cookies',
      'always mark cookies Secure, e.g. when TLS ends at a proxy (default: $MUSUBI_SECURE_COOKIES, else only over https)',
    )
    .action(async (options) =>
      (await import('./commands/demo-command.ts')).runStart(options, context),
    );

  program
    .command('demo')
    .description(
      'generate and load the demo ecosystem (47 prefectures, 20,000+ actors, 100,000 relations…) into an empty database',
    )
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--seed <n>', 'random seed (same seed, same ecosystem)', '1')
    .option('--json', 'print the counts as JSON')
    .action(async (options) =>
      (await import('./commands/demo-command.ts')).runDemo(options, context),
    );

  program
    .command('import')
    .description(
      `import records from a file, upserting by identity (all-or-nothing unless --partial)`,
    )
    .argument('<entity>', ENTITY_NAMES.join(' | '))
    .argument('<file>', 'CSV (UTF-8, Shift_JIS or EUC-JP, detected), JSON array, NDJSON or XLSX')
    .option('--db <pathOrUrl>', DB_HELP)
    .addOption(
      new Option('--format <format>', 'file format (default: from the extension)').choices([
        ...FILE_FORMATS,
      ]),
    )
    .option('--partial', 'import the valid rows and write the rejected ones to the rejects file')
    .option('--rejects <file>', 'where rejected rows go (default with --partial: FILE.rejects.csv)')
    .option(
      '--ignore-unknown-columns',
      'skip columns Musubi does not know instead of refusing the file',
    )
    .option('--encoding <encoding>', 'force the text encoding: utf-8 | shift_jis | euc-jp')
    .option('--json', 'print the report as JSON')
    .action(async (entity: string, file: string, options) =>
      (await import('./commands/import-command.ts')).runImport(entity, file, options, context),
    );

  program
    .command('connect')
    .description(
      'read open-data files in their own format (法人番号, gBizINFO, researchmap, KAKEN, OpenAlex, ROR, e-Stat, jGrants) into the registry (all-or-nothing)',
    )
    .argument(
      '<source>',
      'houjin-bangou | gbizinfo | researchmap | kaken | openalex | ror | estat | jgrants',
    )
    .argument('[files...]', 'files as the source publishes them (or --api to fetch them)')
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--dry-run', 'report what would change, write nothing')
    .option('--json', 'print { source, read, added, updated, unchanged, closed, rejected, review }')
    .option('--api', "fetch from the source's Web API first (see musubi fetch), then import")
    .option('--query <name=value>', 'API query parameter (repeatable)', collectValues, [])
    .option('--api-key <key>', 'API key (default: MUSUBI_<SOURCE>_KEY)')
    .option('--api-url <url>', "the API's base URL (default: the source's)")
    .option('--out <dir>', 'folder for the fetched answers (default: data/downloads/SOURCE-TIME)')
    .option('--resume', 'go on with the download in --out')
    .option('--max-pages <n>', 'stop fetching after n pages')
    .option('--rate <perSecond>', "a slower pace than the source's")
    .action(async (source: string, files: string[], options) =>
      (await import('./commands/connect-command.ts')).runConnect(source, files, options, context),
    );
  program
    .command('fetch')
    .description(
      "save a source's Web API answers page by page (its pace, retries, resumable), for musubi connect",
    )
    .argument(
      '<source>',
      'houjin-bangou | gbizinfo | researchmap | kaken | openalex | estat | jgrants',
    )
    .option('--query <name=value>', 'API query parameter (repeatable)', collectValues, [])
    .option('--api-key <key>', 'API key (default: MUSUBI_<SOURCE>_KEY)')
    .option('--api-url <url>', "the API's base URL (default: the source's)")
    .option('--out <dir>', 'folder for the answers (default: data/downloads/SOURCE-TIME)')
    .option('--resume', 'go on with the download in --out')
    .option('--max-pages <n>', 'stop after n pages (resume later)')
    .option('--rate <perSecond>', "a slower pace than the source's")
    .option('--json', 'print { source, directory, files, complete, pages, retries }')
    .action(async (source: string, options) =>
      (await import('./commands/fetch-command.ts')).runFetch(source, options, context),
    );
  const review = program
    .command('review')
    .description('records that may be an existing actor, waiting for a decision');
  review
    .command('list')
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--status <status>', 'open | merged | kept_apart | all', 'open')
    .option('--json', 'machine-readable output')
    .action(async (options) =>
      (await import('./commands/connect-command.ts')).runReviewList(options, context),
    );
  for (const decision of ['merge', 'keep-apart'] as const) {
    review
      .command(decision)
      .description(
        decision === 'merge'
          ? 'the record is the candidate actor: merge it'
          : 'the record is another actor: add it',
      )
      .argument('<reviewId>')
      .option('--db <pathOrUrl>', DB_HELP)
      .option('--json', 'machine-readable output')
      .action(async (reviewId: string, options) =>
        (await import('./commands/connect-command.ts')).runReviewDecide(
          reviewId,
          decision,
          options,
          context,
        ),
      );
  }

  program
    .command('export')
    .description('export all records of an entity to a file (written whole or not at all)')
    .argument('<entity>', ENTITY_NAMES.join(' | '))
    .option('--db <pathOrUrl>', DB_HELP)
    .addOption(
      new Option('--format <format>', 'file format')
        .choices([...FILE_FORMATS])
        .makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'output file')
    .action(async (entity: string, options) =>
      (await import('./commands/export-command.ts')).runExport(entity, options, context),
    );

  program
    .command('backup')
    .description('write the whole database, as of one moment, to a file (safe while serving)')
    .option('--db <pathOrUrl>', DB_HELP)
    .requiredOption('--out <file>', 'backup file (gzip-compressed JSON lines)')
    .option('--json', 'print the row counts as JSON')
    .action(async (options) =>
      (await import('./commands/backup-command.ts')).runBackup(options, context),
    );
  program
    .command('restore')
    .description('restore a backup file into an empty database (all or nothing)')
    .argument('<file>', 'a file written by `musubi backup`')
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--json', 'print the row counts as JSON')
    .action(async (file: string, options) =>
      (await import('./commands/backup-command.ts')).runRestore(file, options, context),
    );

  program
    .command('stats')
    .description('count the records of each entity and the prefectures where actors are')
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--json', 'one JSON object: entity → count, plus prefectures')
    .action(async (options) =>
      (await import('./commands/stats-command.ts')).runStats(options, context),
    );

  program
    .command('serve')
    .description('serve the web app and the HTTP API')
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--port <n>', 'port to listen on (default: $PORT, then 3000)')
    .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
    .option(
      '--trust-proxy [proxies]',
      'behind a reverse proxy you run: take the client from X-Forwarded-For (its rightmost hop not in the comma list of further proxies) and the scheme from X-Forwarded-Proto (default: $MUSUBI_TRUST_PROXY, else off)',
    )
    .option(
      '--secure-cookies',
      'always mark cookies Secure, e.g. when TLS ends at a proxy (default: $MUSUBI_SECURE_COOKIES, else only over https)',
    )
    .action(async (options) =>
      (await import('./commands/serve-command.ts')).runServe(options, context),
    );

  addAnalyzeCommands(program, context);

  program
    .command('support')
    .description('support measures (支援施策)')
    .command('fit')
    .description('which support measures fit a company or project now, each with its reasons')
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--actor <id>', 'the company (or other actor)')
    .option('--project <id>', 'the project')
    .option('--stage <stage>', `override the stage (${INNOVATION_PATHS.join(', ')})`)
    .option('--amount <jpy>', 'amount needed in JPY')
    .option('--json', 'machine-readable output')
    .action(async (options) =>
      (await import('./commands/programmes-command.ts')).runSupportFit(options, context),
    );
  const cases = program.command('cases').description('case library: success and failure cases');
  const caseOptions = (command: Command) =>
    command
      .option('--db <pathOrUrl>', DB_HELP)
      .option('--q <text>', 'text in the title, summary, lessons or factors')
      .option('--prefecture <code>', 'prefecture code, e.g. 40')
      .option('--programme <id>', 'programme id')
      .option('--factor <factor>', 'cases naming this factor')
      .option('--json', 'machine-readable output');
  caseOptions(cases.command('search').description('search cases'))
    .option('--outcome <outcome>', `success, failure or mixed`)
    .option('--limit <n>', 'number of cases (default 50)')
    .action(async (options) =>
      (await import('./commands/programmes-command.ts')).runCasesSearch(options, context),
    );
  caseOptions(
    cases.command('factors').description('which factors appear more in successes than failures'),
  ).action(async (options) =>
    (await import('./commands/programmes-command.ts')).runCasesFactors(options, context),
  );

  const projects = program
    .command('projects')
    .description('project management: health (slip, budget burn, risks, PDCA, team), portfolio');
  projects
    .command('health')
    .description('one project: milestone slip, budget burn, rising risks, PDCA, team, KPIs')
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--project <id>', 'project id')
    .option('--json', 'machine-readable output')
    .action(async (options) =>
      (await import('./commands/programmes-command.ts')).runProjectHealth(options, context),
    );
  projects
    .command('portfolio')
    .description('projects of a prefecture or community: health, team gaps, KPIs per value, SDGs')
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--prefecture <code>', 'prefecture code, e.g. 40')
    .option('--community <id>', 'community id from `analyze communities` (default parameters)')
    .option('--json', 'machine-readable output')
    .action(async (options) =>
      (await import('./commands/programmes-command.ts')).runPortfolio(options, context),
    );

  program
    .command('report')
    .description(
      'printable region report (map, network, wheel gaps, projects, programmes, risks, cases)',
    )
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--prefecture <code>', 'prefecture code, e.g. 40')
    .option('--community <id>', 'community id from `analyze communities` (default parameters)')
    .option('--out <file>', 'FILE.html or FILE.pdf (default: HTML to standard output)')
    .option('--lang <ja|en>', 'language of the report: ja (default) or en')
    .action(async (options) =>
      (await import('./commands/report-command.ts')).runReport(options, context),
    );

  const viewerOptions = (command: Command) =>
    command
      .option('--as <accountId>', 'act as this account (default: cli)')
      .option(
        '--role <role>',
        'role of that account: admin | coordinator | member (default coordinator)',
      )
      .option('--org <actorId>', 'organisation (actor id) of that account');

  const match = program
    .command('match')
    .description(
      'seeds–needs matching: seeds, researchers and facilities for a need; companies for a seed',
    );
  const matchOptions = (command: Command) =>
    viewerOptions(command)
      .option('--db <pathOrUrl>', DB_HELP)
      .option('--limit <n>', 'number of results (default 20)')
      .option(
        '--region <scope>',
        'any (default) | near (same or neighbouring prefecture) | in (same prefecture)',
      )
      .option('--no-expand', 'lexical only: no dictionary, co-occurrence or feedback expansion')
      .option('--tokenizer <name>', 'auto (MeCab when installed) | mecab | kuromoji')
      .option('--json', 'machine-readable output: { results: [ { seedId, score, explanation } ] }');
  matchOptions(
    match.command('need').description('rank seeds for a stored need').argument('<needId>'),
  ).action(async (needId: string, options) =>
    (await import('./commands/match-command.ts')).runMatchNeed(needId, options, context),
  );
  matchOptions(
    match.command('text').description('rank seeds for a free-text need').argument('<text>'),
  )
    .option('--prefecture <code>', "the need's prefecture (01..47), for --region and distances")
    .action(async (text: string, options) =>
      (await import('./commands/match-command.ts')).runMatchText(text, options, context),
    );
  matchOptions(
    match
      .command('seed')
      .description('companies likely to need a seed (reverse matching)')
      .argument('<seedId>'),
  ).action(async (seedId: string, options) =>
    (await import('./commands/match-command.ts')).runMatchSeed(seedId, options, context),
  );
  matchOptions(
    match
      .command('batch')
      .description(
        'NDJSON lines { "id", "text" } in, one NDJSON line { "id", "results" } out per input',
      )
      .argument('<file>'),
  ).action(async (file: string, options) =>
    (await import('./commands/match-command.ts')).runMatchBatch(file, options, context),
  );

  const index = program.command('index').description('the matching index');
  index
    .command('rebuild')
    .description('analyse every seed and need again and store the index snapshot')
    .option('--db <pathOrUrl>', DB_HELP)
    .option('--tokenizer <name>', 'auto (MeCab when installed) | mecab | kuromoji')
    .option('--json', 'machine-readable output')
    .action(async (options) =>
      (await import('./commands/match-command.ts')).runIndexRebuild(options, context),
    );

  const accounts = program.command('accounts').description('accounts (アカウント)');
  accounts
    .command('create-admin')
    .description(
      'create the first administrator of a database without the demo (refused once one exists)',
    )
    .option('--db <pathOrUrl>', DB_HELP)
    .requiredOption('--email <email>', 'e-mail address to sign in with')
    .option('--name <name>', 'display name (default: the part of the e-mail before @)')
    .option('--password-stdin', 'read the password from standard input (one line)')
    .option('--json', 'print { id, email, role } as JSON')
    .action(async (options) =>
      (await import('./commands/accounts-command.ts')).runCreateAdmin(options, context),
    );

  const consult = program
    .command('consult')
    .description(
      'consultations (相談): intake → triage → candidates_proposed → meeting → agreement → closed',
    );
  const consultOptions = (command: Command) =>
    viewerOptions(command)
      .option('--db <pathOrUrl>', DB_HELP)
      .option('--json', 'machine-readable output');
  consultOptions(
    consult.command('open').description('open a consultation from a need').argument('<needId>'),
  )
    .option('--note <text>', 'first note')
    .action(async (needId: string, options) =>
      (await import('./commands/consult-command.ts')).runConsultOpen(needId, options, context),
    );
  consultOptions(
    consult
      .command('move')
      .description(
        'move to a stage: triage | candidates_proposed | meeting | agreement | closed (or back one)',
      )
      .argument('<id>')
      .argument('<stage>'),
  )
    .option('--agreement <type>', 'joint_research | license | contract_research (to agreement)')
    .option('--outcome <outcome>', 'won | lost | withdrawn (to closed)')
    .option('--reason <text>', 'why (required when closing as lost or withdrawn)')
    .action(async (id: string, stage: string, options) =>
      (await import('./commands/consult-command.ts')).runConsultMove(id, stage, options, context),
    );
  consultOptions(
    consult.command('list').description('consultations you may see, with overdue flags'),
  )
    .option('--stage <stage>', 'only this stage')
    .option('--overdue', 'only overdue ones')
    .option('--mine', 'only those assigned to you')
    .action(async (options) =>
      (await import('./commands/consult-command.ts')).runConsultList(options, context),
    );
  consultOptions(
    consult.command('show').description('a consultation with its history').argument('<id>'),
  ).action(async (id: string, options) =>
    (await import('./commands/consult-command.ts')).runConsultShow(id, options, context),
  );
  consultOptions(
    consult.command('triage').description('one-screen triage view').argument('<id>'),
  ).action(async (id: string, options) =>
    (await import('./commands/consult-command.ts')).runConsultTriage(id, options, context),
  );
  consultOptions(
    consult.command('figures').description('per coordinator and region: stage times, conversion'),
  ).action(async (options) =>
    (await import('./commands/consult-command.ts')).runConsultFigures(options, context),
  );

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function runCli(argv: string[], context: CommandContext): Promise<number> {
  const program = buildProgram(context);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const storage = storageFailure(error);
    if (storage) {
      context.stderr.write(`musubi: ${storage.message}\n`);
      return EXIT_STORAGE_NOT_WRITABLE;
    }
    if (isDomainError(error)) {
      if (error.code !== 'import_rejected') context.stderr.write(`musubi: ${error.message}\n`);
      return EXIT_CODES[error.code];
    }
    context.stderr.write(`musubi: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

const isEntry =
  process.argv[1] !== undefined &&
  /musubi(\.mjs)?$|cli[/\\]src[/\\]main\.ts$/.test(process.argv[1]);
if (isEntry) {
  const context: CommandContext = {
    config: readConfig(process.env, process.cwd()),
    stdout: process.stdout,
    stderr: process.stderr,
  };
  const code = await runCli(process.argv.slice(2), context);
  // serve keeps the process alive; every other command ends here.
  if (code !== 0 || !['serve', 'start'].includes(process.argv[2] ?? '')) process.exitCode = code;
}
