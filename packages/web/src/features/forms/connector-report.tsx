/**
 * The dry run of a connector's file uploaded on `/import`: what confirming would add, merge,
 * close or queue for review, every rejected record with its reason in the reader's language,
 * and the records left out with why (the report of `musubi connect SOURCE FILE --dry-run`).
 */
import type { ConnectorUploadCheck } from './import-api.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

export function ConnectorReport({ check }: { check: ConnectorUploadCheck }) {
  const { t, language, number } = useI18n();
  if (check.refusal !== null)
    return (
      <div className="form-error" role="alert">
        <p>{t('forms2.import.refused', { file: check.fileName })}</p>
        <p>{check.refusal}</p>
      </div>
    );
  const { report } = check;
  if (check.rejected.length > 0)
    return (
      <div className="import-report">
        <p className="form-error" role="alert">
          {t('connectorUpload.rejected', {
            file: check.fileName,
            rejected: number(check.rejected.length),
          })}
        </p>
        <div className="table-scroll">
          <table className="import-rejects">
            <caption>{t('connectorUpload.rejectsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('connectorUpload.at')}</th>
                <th scope="col">{t('connectorUpload.field')}</th>
                <th scope="col">{t('connectorUpload.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {check.rejected.map((rejected, index) => (
                <tr key={`${rejected.at}:${index}`} data-at={rejected.at}>
                  <td>{rejected.at}</td>
                  <td>
                    <code>{rejected.field}</code>
                  </td>
                  <td>{language === 'ja' ? rejected.reasonJa : rejected.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  if (report.read === 0)
    return (
      <p role="alert" className="form-error">
        {t('connectorUpload.empty', { file: check.fileName })}
      </p>
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
        <div className="table-scroll">
          <table>
            <caption>{t('connectorUpload.reviewsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('connectorUpload.at')}</th>
                <th scope="col">{t('connectorUpload.candidate')}</th>
                <th scope="col">{t('connectorUpload.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {check.reviews.map((review, index) => (
                <tr key={`${review.at}:${index}`}>
                  <td>{review.at}</td>
                  <td>
                    <code>{review.candidateId}</code>
                  </td>
                  <td>{review.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {check.skipped.length > 0 ? (
        <details>
          <summary>{t('connectorUpload.skippedCaption')}</summary>
          <ul>
            {check.skipped.map((skipped, index) => (
              <li key={`${skipped.at}:${index}`}>
                {skipped.at}: {skipped.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
