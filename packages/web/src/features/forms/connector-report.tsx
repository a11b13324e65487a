/**
 * The dry run of a connector's file uploaded on `/import`: what its content was recognised as,
 * what confirming would add, merge, close or queue for review (each review with why, in the
 * reader's language), every rejected record with its reason, and the records left out with why
 * (the report of `musubi connect SOURCE FILE --dry-run`).
 */
import type { ConnectorShape } from '#contract/routes/imports.ts';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { evidenceMessage } from '../review/review-evidence.ts';
import type { ConnectorUploadCheck } from './import-api.tsx';
import { skippedReasonIn } from './import-reasons.ts';
import { ReportTable } from './report-table.tsx';

/** "法人番号 差分 CSV（UTF-8）": a recognised shape with its encoding, in the reader's language. */
export function useShapeName(): (recognition: {
  shape: ConnectorShape;
  encoding: 'utf-8' | 'shift_jis' | null;
}) => string {
  const { t } = useI18n();
  return ({ shape, encoding }) => {
    const name = t(`connectorDetect.shape.${shape}`);
    if (encoding === null) return name;
    return t('connectorDetect.withEncoding', {
      shape: name,
      encoding: encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS',
    });
  };
}

/** What the content was recognised as, and whether it was read as the source it shows. */
function Detected({ check }: { check: ConnectorUploadCheck }) {
  const { t } = useI18n();
  const shapeName = useShapeName();
  const source = t(`connectorUpload.sources.${check.source}`);
  if (check.detected === null)
    return <p className="notice">{t('connectorDetect.notRecognisedChosen', { source })}</p>;
  const shape = shapeName(check.detected);
  return (
    <p className="notice" data-detected={check.detected.shape}>
      {check.detected.source === check.source
        ? t('connectorDetect.recognised', { file: check.fileName, shape })
        : t('connectorDetect.mismatch', { source, shape })}
    </p>
  );
}

export function ConnectorReport({ check }: { check: ConnectorUploadCheck }) {
  const { t, language, number } = useI18n();
  const { prefectureName } = useSharedData();
  const names = {
    prefecture: prefectureName,
    abroad: (country: string) => t('connectorDetect.place.abroad', { country }),
    list: (items: readonly string[]) => items.join(language === 'ja' ? '、' : ', '),
  };
  if (check.refusal !== null)
    return (
      <div className="import-report">
        <Detected check={check} />
        <div className="form-error" role="alert">
          <p>{t('forms2.import.refused', { file: check.fileName })}</p>
          <p>{check.refusal}</p>
        </div>
      </div>
    );
  const { report } = check;
  if (check.rejected.length > 0)
    return (
      <div className="import-report">
        <Detected check={check} />
        <p className="form-error" role="alert">
          {t('connectorUpload.rejected', {
            file: check.fileName,
            rejected: number(check.rejected.length),
          })}
        </p>
        <ReportTable
          className="import-rejects"
          caption={t('connectorUpload.rejectsCaption')}
          headings={[
            t('connectorUpload.at'),
            t('connectorUpload.field'),
            t('connectorUpload.reason'),
          ]}
          rows={check.rejected.map((rejected, index) => ({
            key: `${rejected.at}:${index}`,
            data: { 'data-at': rejected.at },
            where: rejected.at,
            what: <code>{rejected.field}</code>,
            why: language === 'ja' ? rejected.reasonJa : rejected.reason,
          }))}
        />
      </div>
    );
  if (report.read === 0)
    return (
      <div className="import-report">
        <Detected check={check} />
        <p role="alert" className="form-error">
          {t('connectorUpload.empty', { file: check.fileName })}
        </p>
      </div>
    );
  const counts = [
    ['added', report.added],
    ['updated', report.updated],
    ['unchanged', report.unchanged],
    ['closed', report.closed],
    ['review', report.review],
    ['skipped', check.skippedCount],
  ] as const;
  return (
    <div className="import-report">
      <Detected check={check} />
      <p role="status" className="notice">
        {t('connectorUpload.passed', { file: check.fileName, read: number(report.read) })}
      </p>
      <table className="connector-counts">
        <caption>{t('connectorUpload.countsCaption')}</caption>
        <tbody>
          {counts.map(([key, count]) => (
            <tr key={key} data-count={key}>
              <th scope="row">{t(`connectorUpload.${key}`)}</th>
              <td className="num">{number(count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {check.reviews.length > 0 ? (
        <ReportTable
          className="connector-reviews"
          caption={t('connectorUpload.reviewsCaption')}
          headings={[
            t('connectorUpload.at'),
            t('connectorUpload.candidate'),
            t('connectorUpload.reason'),
          ]}
          rows={check.reviews.map((review, index) => {
            const message = evidenceMessage(review.evidence, names);
            return {
              key: `${review.at}:${index}`,
              data: { 'data-at': review.at, 'data-evidence': review.evidence.code },
              where: review.at,
              what: <code>{review.candidateId}</code>,
              why: t(message.key, message.values),
            };
          })}
        />
      ) : null}
      {check.skipped.length > 0 ? (
        <details>
          <summary>{t('connectorUpload.skippedCaption')}</summary>
          <ul>
            {check.skipped.map((skipped, index) => (
              <li key={`${skipped.at}:${index}`} data-skip={skipped.code}>
                {skipped.at}: {skippedReasonIn(language, skipped)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
