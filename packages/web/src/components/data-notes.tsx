import { isStale } from '#core/freshness.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * Notes that real data need beside them: a record past its source's age (stale), the credit lines
 * the open sources ask for, and the demo's "these data were generated" note on analyses.
 */

function text(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** "To be confirmed" when the record was never confirmed or is older than its source allows. */
export function StaleMark({ record }: { record: Record<string, unknown> }) {
  const { t } = useI18n();
  const source = text(record, 'source');
  const confirmedAt = text(record, 'confirmedAt');
  const today = new Date().toISOString().slice(0, 10);
  if (!isStale({ source, confirmedAt }, today)) return null;
  return (
    <span
      className="tag stale"
      title={
        confirmedAt === undefined
          ? t('ui2.stale.never')
          : t('ui2.stale.since', { date: confirmedAt })
      }
    >
      {t('ui2.stale')}
    </span>
  );
}

/**
 * The credit line of each open source shown: quoted as the source's terms word it (partly in
 * Japanese only), so it is marked as data for the language checks.
 */
export function Credits({ credits }: { credits: readonly { source: string; credit: string }[] }) {
  const { t } = useI18n();
  if (credits.length === 0) return null;
  return (
    <section className="credits" aria-labelledby="credits-heading">
      <h2 id="credits-heading">{t('ui2.credits')}</h2>
      <ul>
        {credits.map((c) => (
          <li key={c.source} data-text="data">
            {c.credit}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The `generatedData` note of an analysis answer (`{ ja, en }`), when the answer carries one. */
export function generatedNoteOf(answer: unknown): { ja: string; en: string } | null {
  if (typeof answer !== 'object' || answer === null || !('generatedData' in answer)) return null;
  const note: unknown = answer.generatedData;
  if (typeof note !== 'object' || note === null || !('ja' in note) || !('en' in note)) return null;
  return typeof note.ja === 'string' && typeof note.en === 'string'
    ? { ja: note.ja, en: note.en }
    : null;
}

/**
 * "These data were made by the demo generator": shown above an analysis drawn on them. `detail` says
 * what this screen's findings are on such data (e.g. "the brokers listed were planted").
 */
export function GeneratedDataNote({
  answer,
  detail,
  testId,
}: {
  answer: unknown;
  detail?: string;
  testId?: string;
}) {
  const { t, language } = useI18n();
  const note = generatedNoteOf(answer);
  if (!note) return null;
  return (
    <p className="generated-note" role="note" data-testid={testId}>
      <strong>{t('ui2.generatedData')}</strong> {language === 'ja' ? note.ja : note.en}
      {detail ? ` ${detail}` : ''}
    </p>
  );
}
