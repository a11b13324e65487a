/**
 * `/import`: a coordinator or administrator uploads a CSV, XLSX, JSON or NDJSON file of one
 * entity, reads the same check as `musubi import` (every rejected row: row, column, reason),
 * then imports it (all-or-nothing) or cancels. Nothing is written before the confirmation; one
 * refused because the data changed since the check is held, to be checked again without a new
 * upload. Every reason is said in the reader's language (`#core/import-reasons.ts`).
 * A file as an open source publishes it (法人番号, KAKEN…) is read by that source's connector
 * instead, with the dry-run report of `musubi connect`.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { CONNECTOR_SHAPES } from '#contract/routes/imports.ts';
import { ENTITY_NAMES, type EntityName } from '#core/entities/entity-spec.ts';
import { canImport } from '#core/import-access.ts';
import { fieldWords, refusalWords, rejectedRowWords } from '#core/import-reasons.ts';
import { Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { ConnectorReport } from './connector-report.tsx';
import {
  importApi,
  UnrecognisedFile,
  uploadConnectorFile,
  uploadForCheck,
  type ConnectorUploadCheck,
  type UnrecognisedReason,
  type UploadCheck,
} from './import-api.tsx';
import { answerProblem, fileProblem } from './import-reasons.ts';
import { ReportTable } from './report-table.tsx';
import { mayImport, principalOf } from '../auth/principal.ts';
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
/** The file's kind: Musubi's own columns (''), an open source told from the content, or a source. */
type FileKind = '' | 'auto' | Source;

type Stage =
  | { step: 'choose' }
  | { step: 'connector'; check: ConnectorUploadCheck; importing: boolean }
  | { step: 'unrecognised'; fileName: string; reason: UnrecognisedReason }
  | { step: 'checking' }
  | { step: 'checked'; check: UploadCheck; refused?: boolean }
  | { step: 'importing' | 'rechecking'; check: UploadCheck }
  | { step: 'imported'; entity: EntityName; written: number; fileName: string };

/** A check the import would pass: confirming it imports every row. */
function passes(check: UploadCheck): boolean {
  return check.refusal === null && check.rejectedCount === 0 && check.rowsRead > 0;
}

/** The time a held upload is kept until, in the reader's language. */
function heldUntil(check: UploadCheck, language: string): string {
  if (check.expiresAt === null) return '';
  return new Date(check.expiresAt).toLocaleTimeString(language === 'ja' ? 'ja-JP' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
}

function CheckReport({ check }: { check: UploadCheck }) {
  const { t, language, number } = useI18n();
  const words = language === 'ja' ? 'ja' : 'en';
  if (check.refusal !== null)
    return (
      <div className="form-error" role="alert">
        <p>{t('forms2.import.refused', { file: check.fileName })}</p>
        <p>{check.refusalReason ? refusalWords(words, check.refusalReason) : check.refusal}</p>
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
      <ReportTable
        className="import-rejects"
        caption={t('forms2.import.rejectsCaption')}
        headings={[t('forms2.import.row'), t('forms2.import.column'), t('forms2.import.reason')]}
        rows={check.rejected.flatMap((row) =>
          row.problems.map((problem, index) => ({
            key: `${row.row}:${index}`,
            data: { 'data-row': row.row, 'data-field': problem.field, 'data-code': problem.code },
            where: <span className="num">{row.row}</span>,
            what: fieldWords(words, problem.field),
            // The whole sentence, so a row read alone (a card on a phone) still says where.
            why: rejectedRowWords(words, row.row, problem),
          })),
        )}
      />
      {check.rejectedCount > check.rejected.length ? (
        <p className="hint">
          {t('forms2.import.more', { count: number(check.rejectedCount - check.rejected.length) })}
        </p>
      ) : null}
      <p>
        {check.uploadId !== null
          ? t('forms2.import.held', { time: heldUntil(check, language) })
          : t('forms2.import.fixAndRetry')}
      </p>
    </div>
  );
}

/** A file no source recognises: why, and every format the connectors read. */
function Unrecognised({ fileName, reason }: { fileName: string; reason: UnrecognisedReason }) {
  const { t } = useI18n();
  return (
    <div className="form-error import-unrecognised" role="alert">
      <p>{t(`connectorDetect.unrecognised.${reason}`, { file: fileName })}</p>
      <p>{t('connectorDetect.accepted')}:</p>
      <ul className="accepted-shapes">
        {CONNECTOR_SHAPES.map((shape) => (
          <li key={shape}>{t(`connectorDetect.shape.${shape}`)}</li>
        ))}
      </ul>
      <p>{t('connectorDetect.chooseHint')}</p>
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
  const [source, setSource] = useState<FileKind>('');
  const readAsId = useId();
  const [readAs, setReadAs] = useState<Source | ''>('');
  const fileId = useId();
  const [entity, setEntity] = useState<EntityName>('actors');
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [problem, setProblem] = useState<string | null>(null);
  if (!signedIn || !account) return <Loading />;
  /** An error as the page says it: the server's limits in the reader's words, others as given. */
  const messageOf = (error: unknown): string => {
    const key = answerProblem(error);
    if (key !== null) return t(key, { file: file?.name ?? '' });
    return error instanceof Error ? error.message : String(error);
  };
  const allowed = canImport(principalOf(account), entity).allowed;

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (file === null) {
      setProblem(t('forms2.import.chooseFile'));
      return;
    }
    const refused = fileProblem(file, source === '');
    if (refused !== null) {
      setProblem(t(refused, { file: file.name }));
      return;
    }
    if (source === '') {
      setStage({ step: 'checking' });
      try {
        setStage({ step: 'checked', check: await uploadForCheck(entity, file) });
      } catch (error) {
        setProblem(messageOf(error));
        setStage({ step: 'choose' });
      }
      return;
    }
    await checkConnector(source === 'auto' ? null : source, file);
  };
  /** Checks the file as a source's (null: the one its content shows); a waiting one is dropped. */
  const checkConnector = async (chosen: Source | null, chosenFile: File) => {
    if (stage.step === 'connector' && stage.check.uploadId !== null)
      await importApi.cancel(stage.check.uploadId).catch(() => undefined);
    setStage({ step: 'checking' });
    try {
      const checked = await uploadConnectorFile(chosen, chosenFile);
      setReadAs(checked.source);
      setStage({ step: 'connector', check: checked, importing: false });
    } catch (error) {
      if (error instanceof UnrecognisedFile)
        setStage({ step: 'unrecognised', fileName: error.fileName, reason: error.reason });
      else {
        setProblem(messageOf(error));
        setStage({ step: 'choose' });
      }
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
      // Refused because rows no longer pass: the server holds the upload with them.
      const held = await importApi.get(checked.uploadId).catch(() => null);
      if (held !== null) {
        setStage({ step: 'checked', check: held, refused: true });
        return;
      }
      setProblem(messageOf(error));
      setStage({ step: 'choose' });
    }
  };
  /** Checks a held upload again (once the data is put right), without a new upload. */
  const recheck = async (held: UploadCheck) => {
    if (held.uploadId === null) return;
    setStage({ step: 'rechecking', check: held });
    try {
      const { data } = await importApi.recheck(held.uploadId);
      setStage(data ? { step: 'checked', check: data } : { step: 'choose' });
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

  const checked =
    stage.step === 'checked' || stage.step === 'importing' || stage.step === 'rechecking'
      ? stage.check
      : null;
  return (
    <section aria-labelledby={headingId} className="import-page">
      <h1 id={headingId}>{t('forms2.import.title')}</h1>
      <p>{t('forms2.import.intro')}</p>
      {!mayImport(account) ? (
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
                const value = event.target.value;
                setSource(value === 'auto' ? 'auto' : (SOURCES.find((n) => n === value) ?? ''));
                setStage({ step: 'choose' });
              }}
            >
              <option value="">{t('connectorUpload.sourceNone')}</option>
              <option value="auto">{t('connectorDetect.auto')}</option>
              {SOURCES.map((name) => (
                <option key={name} value={name}>
                  {t(`connectorUpload.sources.${name}`)}
                </option>
              ))}
            </select>
            <span id={`${sourceId}-hint`} className="hint">
              {t('connectorUpload.sourceHint')} {t('connectorDetect.autoHint')}
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
              disabled={
                !allowed ||
                stage.step === 'checking' ||
                stage.step === 'importing' ||
                stage.step === 'rechecking'
              }
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
          {stage.step === 'checked' && stage.refused ? (
            <p className="form-error" role="alert">
              {t('forms2.import.confirmRefused')}
            </p>
          ) : null}
          <CheckReport check={checked} />
          {checked.uploadId !== null ? (
            <div className="form-actions">
              {passes(checked) ? (
                <button
                  type="button"
                  className="button"
                  disabled={stage.step !== 'checked'}
                  onClick={() => void confirm(checked)}
                >
                  {t('forms2.import.confirm', { count: checked.wouldWrite })}
                </button>
              ) : (
                <button
                  type="button"
                  className="button"
                  disabled={stage.step !== 'checked'}
                  onClick={() => void recheck(checked)}
                >
                  {stage.step === 'rechecking'
                    ? t('forms2.import.checking')
                    : t('forms2.import.recheck')}
                </button>
              )}
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
          {file !== null ? (
            <div className="form-inline import-override">
              <div className="field form-field">
                <label htmlFor={readAsId}>{t('connectorDetect.override')}</label>
                <select
                  id={readAsId}
                  name="readAs"
                  value={readAs}
                  onChange={(event) =>
                    setReadAs(SOURCES.find((name) => name === event.target.value) ?? '')
                  }
                >
                  {SOURCES.map((name) => (
                    <option key={name} value={name}>
                      {t(`connectorUpload.sources.${name}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className="button secondary"
                disabled={stage.importing || readAs === '' || readAs === stage.check.source}
                onClick={() => void (readAs !== '' && checkConnector(readAs, file))}
              >
                {t('connectorDetect.overrideButton')}
              </button>
            </div>
          ) : null}
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
      {stage.step === 'unrecognised' ? (
        <section className="panel" aria-labelledby={`${headingId}-check`}>
          <h2 id={`${headingId}-check`}>{t('forms2.import.checkTitle')}</h2>
          <Unrecognised fileName={stage.fileName} reason={stage.reason} />
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
