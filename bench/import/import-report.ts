import type { EngineResult, ImportBenchReport, LoaderResult } from './import-bench.ts';

const TARGET_RATIO = 3;
const MEMORY_LIMIT_MIB = 2048;

function ratioCell(ratio: number): string {
  return `**${ratio.toFixed(2)}×** ${ratio <= TARGET_RATIO ? '✅' : '❌'}`;
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en');
}

function loaderRows(result: LoaderResult): string[] {
  return result.loads.map(
    (l) =>
      `| ${result.loader} | ${l.entity} | ${int(l.rows)} | ${l.seconds.toFixed(1)} | ${int(l.rowsPerSecond)} | ${int(l.peakMiB)} |`,
  );
}

function engineName(engine: EngineResult['engine']): string {
  return engine === 'sqlite' ? 'SQLite (embedded)' : 'PostgreSQL';
}

/** The markdown summary: ratios first, then the figures behind them. */
export function renderImportMarkdown(report: ImportBenchReport): string {
  const lines: string[] = [
    `# Import benchmark — ${report.size} (${int(report.rows.actors)} actors, ${int(report.rows.relations)} relations)`,
    '',
    `Target: ${report.target}.`,
    '',
    '## Ratios (Musubi wall time / reference wall time; lower is better)',
    '',
    '| engine | actors | relations | total | Musubi peak memory |',
    '|---|---|---|---|---|',
    ...report.engines.map(
      (e) =>
        `| ${engineName(e.engine)} | ${ratioCell(e.ratio.actors)} | ${ratioCell(e.ratio.relations)} | ${ratioCell(e.ratio.total)} | ${int(e.musubi.peakMiB)} MiB ${e.musubi.peakMiB < MEMORY_LIMIT_MIB ? '✅' : '❌'} |`,
    ),
    ...report.skipped.map((s) => `\n${s}`),
    '',
    '## Figures',
    '',
    '| loader | entity | rows | seconds | rows/s | peak MiB |',
    '|---|---|---|---|---|---|',
  ];
  for (const e of report.engines) {
    lines.push(`| **${engineName(e.engine)}** | | | | | |`);
    lines.push(...loaderRows(e.musubi), ...loaderRows(e.reference));
  }
  lines.push(
    '',
    '## `musubi stats --json` on the loaded database',
    '',
    '| engine | loaded by | CLI process, median s | `repos.counts()` query, median ms |',
    '|---|---|---|---|',
  );
  for (const e of report.engines) {
    lines.push(
      `| ${engineName(e.engine)} | musubi | ${e.stats.cliMedianSeconds.toFixed(2)} | ${e.stats.queryMedianMs.toFixed(0)} |`,
      `| ${engineName(e.engine)} | reference | ${e.referenceStats.cliMedianSeconds.toFixed(2)} | ${e.referenceStats.queryMedianMs.toFixed(0)} |`,
    );
  }
  lines.push(
    '',
    `Measured: ${report.engines.map((e) => `${engineName(e.engine)} ${e.measuredAt}`).join('; ')}.`,
    '',
    '## What each loader does',
    '',
  );
  for (const e of report.engines) {
    lines.push(`- **${engineName(e.engine)}, ${e.musubi.loader}**: ${e.musubi.description}.`);
    lines.push(`- **${engineName(e.engine)}, ${e.reference.loader}**: ${e.reference.description}.`);
  }
  lines.push(
    '',
    '## Run',
    '',
    `- ${report.generatedAt}; ${report.machine.cpuCount} × ${report.machine.cpus}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}.`,
    `- Load average (1 min) ${report.loadAverage.atStart.toFixed(1)} at start, ${report.loadAverage.atEnd.toFixed(1)} at end: other jobs on the machine slow both sides alike, but ratios wobble by ±10–20 % between runs.`,
    `- ${(report.repeats ?? 1) > 1 ? `Best of ${report.repeats} rounds per loader and file, Musubi and reference alternating (a load spike hurts a round, not a side).` : 'One round (Musubi, then the reference): a load spike during one side shifts the ratio.'}`,
    `- Files: actors ${report.files.actorsMiB.toFixed(0)} MiB, relations ${report.files.relationsMiB.toFixed(0)} MiB (seeded generator, bench/import/generate-data.ts).`,
    '- Wall seconds include process start-up (about 1 s for `node bin/musubi.mjs`: tsx compiles the CLI on load).',
    '',
  );
  return lines.join('\n');
}
