/**
 * `/import`: a coordinator or administrator uploads a CSV, XLSX, JSON or NDJSON file of one
 * entity, reads the same check as `musubi import` (every rejected row: row, column, reason),
 * then imports it (all-or-nothing) or cancels. Nothing is written before the confirmation.
 * A file as an open source publishes it (法人番号, KAKEN…) is read by that source's connector
 * instead, with the dry-run report of `musubi connect`.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ENTITY_NAMES, type EntityName } from '#core/entities/entity-spec.ts';
import { canImport } from '#core/import-access.ts';
import { Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { ConnectorReport } from './connector-report.tsx';
import {
  importApi,
  uploadConnectorFile,
  uploadForCheck,
  type ConnectorUploadCheck,
  type UploadCheck,
} from './import-api.tsx';
import { reasonIn } from './import-reasons.ts';
import { principalOf } from './may-write.ts';
import { useSignedIn } from './record-editor.tsx';

/** Where the imported records of an entity can be seen. */
const SHOWN_AT: Partial<Record<EntityName, string>> = {
  actors: '/actors',
  projects: '/projects',
  programmes: '/programmes',
  adoptions: '/programmes',
  funding: '/money',
  'support-measures': '/support',
  cases: '/cases',
  'region-strategies': '/region-strategy',
  'training-programmes': '/people',
  relations: '/network',
};

/** The sources of `musubi connect`, as the upload route accepts them. */
const SOURCES = [
  'houjin-bangou',
  'gbizinfo',
  'researchmap',
  'kaken',
  'openalex',
  'ror',
  'estat',
  'jgrants',
] as const;
type Source = (typeof SOURCES)[number];

type Stage =
  | { step: 'choose' }
  | { step: 'connector'; check: ConnectorUploadCheck; importing: boolean }
  | { step: 'checking' }
  | { step: 'checked'; check: UploadCheck }
  | { step: 'importing'; check: UploadCheck }
  | { step: 'imported'; entity: EntityName; written: number; fileName: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function CheckReport({ check }: { check: UploadCheck }) {
  const { t, language, number } = useI18n();
  if (check.refusal !== null)
    return (
      <div className="form-error" role="alert">
        <p>{t('forms2.import.refused', { file: check.fileName })}</p>
        <p>{check.refusal}</p>
      </div>
    );
  if (check.rowsRead === 0)
    return (
      <p role="alert" className="form-error">
        {t('forms2.import.empty', { file: check.fileName })}
      </p>
    );
  if (check.rejectedCount === 0)
    return (
      <p role="status" className="notice">
        {t('forms2.import.passed', {
          file: check.fileName,
          rows: number(check.rowsRead),
          written: number(check.wouldWrite),
        })}
      </p>
    );
  return (
    <div className="import-report">
      <div className="form-error" role="alert">
        <p>
          {t('forms2.import.rejected', {
            file: check.fileName,
            rejected: number(check.rejectedCount),
            rows: number(check.rowsRead),
          })}
        </p>
      </div>
      <div className="table-scroll">
        <table className="import-rejects">
          <caption>{t('forms2.import.rejectsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('forms2.import.row')}</th>
              <th scope="col">{t('forms2.import.column')}</th>
              <th scope="col">{t('forms2.import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {check.rejected.flatMap((row) =>
              row.problems.map((problem, index) => {
                const reason = reasonIn(language === 'ja' ? 'ja' : 'en', problem.reason);
                return (
                  <tr key={`${row.row}:${index}`} data-row={row.row} data-field={problem.field}>
                    <td className="num">{row.row}</td>
                    <td>
                      <code>{problem.field}</code>
                    </td>
                    <td>{reason.key ? t(reason.key, reason.values) : reason.text}</td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </div>
      {check.rejectedCount > check.rejected.length ? (
        <p className="hint">
          {t('forms2.import.more', { count: number(check.rejectedCount - check.rejected.length) })}
        </p>
      ) : null}
      <p>{t('forms2.import.fixAndRetry')}</p>
    </div>
  );
}

export function ImportPage() {
  const { t, label } = useI18n();
  const { account } = useAuth();
  const signedIn = useSignedIn();
  const headingId = useId();
  const entityId = useId();
  const sourceId = useId();
  const [source, setSource] = useState<Source | ''>('');
  const fileId = useId();
  const [entity, setEntity] = useState<EntityName>('actors');
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [problem, setProblem] = useState<string | null>(null);
  if (!signedIn || !account) return <Loading />;
  const allowed = canImport(principalOf(account), entity).allowed;

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (file === null) {
      setProblem(t('forms2.import.chooseFile'));
      return;
    }
    setStage({ step: 'checking' });
    try {
      if (source !== '')
        setStage({
          step: 'connector',
          check: await uploadConnectorFile(source, file),
          importing: false,
        });
      else setStage({ step: 'checked', check: await uploadForCheck(entity, file) });
    } catch (error) {
      setProblem(messageOf(error));
      setStage({ step: 'choose' });
    }
  };
  const confirm = async (checked: UploadCheck) => {
    if (checked.uploadId === null) return;
    setStage({ step: 'importing', check: checked });
    try {
      const { data } = await importApi.confirm(checked.uploadId);
      setStage({
        step: 'imported',
        entity: checked.entity,
        written: data?.written ?? 0,
        fileName: checked.fileName,
      });
    } catch (error) {
      setProblem(messageOf(error));
      setStage({ step: 'choose' });
    }
  };
  const confirmConnector = async (checked: ConnectorUploadCheck) => {
    if (checked.uploadId === null) return;
    setStage({ step: 'connector', check: checked, importing: true });
    try {
      const { data } = await importApi.confirm(checked.uploadId);
      setStage({
        step: 'imported',
        entity: 'actors',
        written: data?.written ?? 0,
        fileName: checked.fileName,
      });
    } catch (error) {
      setProblem(messageOf(error));
      setStage({ step: 'choose' });
    }
  };
  const cancel = async (checked: { uploadId: string | null }) => {
    if (checked.uploadId !== null) {
      try {
        await importApi.cancel(checked.uploadId);
      } catch {
        // Already gone (expired): nothing is kept either way.
      }
    }
    setStage({ step: 'choose' });
  };

  const checked = stage.step === 'checked' || stage.step === 'importing' ? stage.check : null;
  return (
    <section aria-labelledby={headingId} className="import-page">
      <h1 id={headingId}>{t('forms2.import.title')}</h1>
      <p>{t('forms2.import.intro')}</p>
      {!canImport(principalOf(account), 'actors').allowed ? (
        <p role="alert">{t('forms2.import.notAllowed')}</p>
      ) : (
        <form className="panel form" aria-labelledby={headingId} onSubmit={(e) => void check(e)}>
          <div className="field form-field">
            <label htmlFor={sourceId}>{t('connectorUpload.source')}</label>
            <select
              id={sourceId}
              name="source"
              value={source}
              aria-describedby={`${sourceId}-hint`}
              onChange={(event) => {
                setSource(SOURCES.find((name) => name === event.target.value) ?? '');
                setStage({ step: 'choose' });
              }}
            >
              <option value="">{t('connectorUpload.sourceNone')}</option>
              {SOURCES.map((name) => (
                <option key={name} value={name}>
                  {t(`connectorUpload.sources.${name}`)}
                </option>
              ))}
            </select>
            <span id={`${sourceId}-hint`} className="hint">
              {t('connectorUpload.sourceHint')}
            </span>
          </div>
          {source === '' ? (
            <div className="field form-field">
              <label htmlFor={entityId}>{t('forms2.import.entity')}</label>
              <select
                id={entityId}
                name="entity"
                value={entity}
                onChange={(event) => {
                  const chosen = ENTITY_NAMES.find((name) => name === event.target.value);
                  if (chosen) setEntity(chosen);
                }}
              >
                {ENTITY_NAMES.map((name) => (
                  <option key={name} value={name}>
                    {label('forms2.entity', name)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field form-field">
            <label htmlFor={fileId}>{t('forms2.import.file')}</label>
            <input
              id={fileId}
              name="file"
              type="file"
              accept={source === '' ? '.csv,.txt,.xlsx,.json,.ndjson,.jsonl' : undefined}
              aria-describedby={`${fileId}-hint`}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setStage({ step: 'choose' });
              }}
            />
            <span id={`${fileId}-hint`} className="hint">
              {source === '' ? t('forms2.import.fileHint') : t('connectorUpload.fileHint')}
            </span>
          </div>
          <div className="form-actions">
            <button
              type="submit"
              className="button"
              disabled={!allowed || stage.step === 'checking' || stage.step === 'importing'}
            >
              {stage.step === 'checking' ? t('forms2.import.checking') : t('forms2.import.check')}
            </button>
          </div>
        </form>
      )}
      {problem !== null ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {checked !== null ? (
        <section className="panel" aria-labelledby={`${headingId}-check`}>
          <h2 id={`${headingId}-check`}>{t('forms2.import.checkTitle')}</h2>
          <CheckReport check={checked} />
          {checked.uploadId !== null ? (
            <div className="form-actions">
              <button
                type="button"
                className="button"
                disabled={stage.step === 'importing'}
                onClick={() => void confirm(checked)}
              >
                {t('forms2.import.confirm', { count: checked.wouldWrite })}
              </button>
              <button
                type="button"
                className="button secondary"
                onClick={() => void cancel(checked)}
              >
                {t('forms.cancel')}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
      {stage.step === 'connector' ? (
        <section className="panel" aria-labelledby={`${headingId}-check`}>
          <h2 id={`${headingId}-check`}>{t('forms2.import.checkTitle')}</h2>
          <ConnectorReport check={stage.check} />
          {stage.check.uploadId !== null ? (
            <div className="form-actions">
              <button
                type="button"
                className="button"
                disabled={stage.importing}
                onClick={() => void confirmConnector(stage.check)}
              >
                {t('connectorUpload.confirm', {
                  source: t(`connectorUpload.sources.${stage.check.source}`),
                })}
              </button>
              <button
                type="button"
                className="button secondary"
                onClick={() => void cancel(stage.check)}
              >
                {t('forms.cancel')}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
      {stage.step === 'imported' ? (
        <div className="notice" role="status">
          <p>
            {t('forms2.import.done', { count: stage.written, file: stage.fileName })}{' '}
            {SHOWN_AT[stage.entity] ? (
              <Link href={SHOWN_AT[stage.entity] ?? '/'}>{t('forms2.import.see')}</Link>
            ) : null}
          </p>
        </div>
      ) : null}
    </section>
  );
}
