import { writeFileSync } from 'node:fs';
import { DomainError } from '#core/domain-error.ts';
import { systemClock } from '#core/ports.ts';
import { buildRegionReport } from '#services/reports/build-region-report.ts';
import { renderRegionReport } from '#services/reports/render-region-report.ts';
import { openTarget, writeLine, type CommandContext } from '../context.ts';

export async function runReport(
  options: { db?: string; prefecture?: string; community?: string; out?: string; lang?: string },
  context: CommandContext,
): Promise<void> {
  if ((options.prefecture === undefined) === (options.community === undefined))
    throw new DomainError(
      'validation_failed',
      'give --prefecture CODE (e.g. 40) or --community ID (from `musubi analyze communities`)',
    );
  const language = options.lang ?? 'ja';
  if (language !== 'ja' && language !== 'en')
    throw new DomainError('validation_failed', `--lang must be ja or en, not "${language}"`);
  const out = options.out;
  if (out !== undefined && !/\.(html?|pdf)$/i.test(out))
    throw new DomainError('validation_failed', '--out must end in .html or .pdf');
  const database = await openTarget(options.db, context);
  let html: string;
  try {
    const report = await buildRegionReport(database.repos, systemClock, {
      ...(options.prefecture !== undefined ? { prefectureCode: options.prefecture } : {}),
      ...(options.community !== undefined ? { communityId: options.community } : {}),
    });
    html = renderRegionReport(report, { language });
  } finally {
    await database.close();
  }
  if (out === undefined) {
    context.stdout.write(html);
    return;
  }
  if (/\.pdf$/i.test(out)) {
    const { printPdf } = await import('../print-pdf.ts');
    writeFileSync(out, await printPdf(html));
  } else {
    writeFileSync(out, html);
  }
  writeLine(context.stdout, `wrote ${out}`);
}
