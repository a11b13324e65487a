import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { send } from '../../api/send-json.tsx';
import { useGet } from '../../api/use-api.tsx';
import type {
  CompanyMatch,
  ConsultationItem,
  NeedMatchResult,
  SeedMatch,
} from '../../api/workflow-types.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { SeedsNeedsBrowser } from '../lists/list-pages.tsx';
import { ExplanationView, HighlightedTitle } from './explanation-view.tsx';
import { suggestionOf } from './match-wording.ts';

type Mode = 'text' | 'need' | 'seed' | 'browse';
const MODES: readonly Mode[] = ['text', 'need', 'seed', 'browse'];
const REGIONS = ['any', 'near', 'in'] as const;

type Outcome =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | {
      kind: 'seeds';
      result: NeedMatchResult;
      needId?: string;
      region?: (typeof REGIONS)[number];
    }
  | { kind: 'companies'; results: CompanyMatch[] };

/** High, medium or low: how sure the text match is (an absolute scale, decision 014). */
function ConfidenceMark({ confidence }: { confidence: SeedMatch['confidence'] }) {
  const { t, label } = useI18n();
  return (
    <span className={`confidence confidence-${confidence}`}>
      {t('ui2.matching.confidence')}: {label('ui2.matching.confidenceLevel', confidence)}
    </span>
  );
}

/** No seed explains enough of the need: say so, and what to widen, instead of a list of noise. */
function NoGoodMatch({
  notice,
  onWidenRegion,
}: {
  notice: NonNullable<NeedMatchResult['noGoodMatch']>;
  onWidenRegion?: () => void;
}) {
  const { t, language } = useI18n();
  return (
    <section className="panel no-good-match" aria-labelledby="no-good-match-heading">
      <h2 id="no-good-match-heading">{t('ui2.matching.noGoodMatch')}</h2>
      <p>{t('ui2.matching.noGoodMatchText')}</p>
      <h3>{t('ui2.matching.suggestions')}</h3>
      <ul>
        {notice.suggestions.map((s) => (
          <li key={s}>{suggestionOf(s, language)}</li>
        ))}
      </ul>
      {onWidenRegion && (
        <button type="button" className="button" onClick={onWidenRegion}>
          {t('ui2.matching.widenRegion')}
        </button>
      )}
    </section>
  );
}

function SeedResult({ match, rank }: { match: SeedMatch; rank: number }) {
  const { t, number, label } = useI18n();
  const { prefectureName } = useSharedData();
  return (
    <li className="match-card panel">
      <article aria-labelledby={`match-${match.seedId}`}>
        <header className="match-head">
          <span className="match-rank" aria-label={t('matching.rank', { rank })}>
            {rank}
          </span>
          <h3 id={`match-${match.seedId}`}>
            <HighlightedTitle text={match.explanation.highlightedTitle ?? match.title} />
          </h3>
          <span className="match-score">
            {t('matching.score')} {number(match.score, 3)}
          </span>
          <ConfidenceMark confidence={match.confidence} />
          {match.explanation.expansionOnly === true && (
            <span className="tag expansion-only" title={t('ui2.matching.expansionOnlyHint')}>
              {t('ui2.matching.expansionOnly')}
            </span>
          )}
        </header>
        <p className="muted">
          {label('seedKind', match.kind)} ·{' '}
          <Link href={`/actors/${encodeURIComponent(match.ownerId)}`}>{match.ownerName}</Link>
          {match.prefectureCode !== undefined && ` · ${prefectureName(match.prefectureCode)}`}
        </p>
        <details>
          <summary>{t('matching.why')}</summary>
          <ExplanationView explanation={match.explanation} />
        </details>
      </article>
    </li>
  );
}

function SeedResults({
  result,
  needId,
  onWidenRegion,
}: {
  result: NeedMatchResult;
  needId?: string;
  onWidenRegion?: () => void;
}) {
  const { t, number } = useI18n();
  const { account } = useAuth();
  const [opened, setOpened] = useState<ConsultationItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setError(null);
    try {
      const { data } = await send('post', '/api/consultations', { body: { needId: needId ?? '' } });
      setOpened(data ?? null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <div className="match-results" aria-live="polite">
      <p role="status">
        {t('matching.resultCount', { count: result.results.length })}
        {result.query.truncated && ` ${t('matching.truncated')}`}
      </p>
      {needId !== undefined && account && (
        <div className="toolbar">
          {opened ? (
            <p role="status">
              {t('matching.opened')} <Link href="/board">{t('nav.board')}</Link>
            </p>
          ) : (
            <button type="button" className="button" onClick={() => void open()}>
              {t('matching.openConsultation')}
            </button>
          )}
          {error !== null && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
      {result.noGoodMatch && (
        <NoGoodMatch notice={result.noGoodMatch} {...(onWidenRegion ? { onWidenRegion } : {})} />
      )}
      <h2>{t('matching.seedResults')}</h2>
      {result.results.length > 0 && <p className="muted">{t('ui2.matching.scoreNote')}</p>}
      {result.results.length === 0 ? (
        <p>{t(result.noGoodMatch ? 'ui2.matching.noneShown' : 'matching.noResults')}</p>
      ) : (
        <ol className="match-list">
          {result.results.map((m, i) => (
            <SeedResult key={m.seedId} match={m} rank={i + 1} />
          ))}
        </ol>
      )}
      <div className="grid">
        <section className="panel" aria-labelledby="researchers-heading">
          <h2 id="researchers-heading">{t('matching.researchers')}</h2>
          {result.researchers.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ol>
              {result.researchers.map((r) => (
                <li key={r.actorId}>
                  <Link href={`/actors/${encodeURIComponent(r.actorId)}`}>{r.name}</Link>{' '}
                  <span className="muted">{number(r.score, 3)}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="panel" aria-labelledby="facilities-heading">
          <h2 id="facilities-heading">{t('matching.facilities')}</h2>
          {result.facilities.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ol>
              {result.facilities.map((f) => (
                <li key={f.seedId}>
                  <HighlightedTitle text={f.explanation.highlightedTitle ?? f.title} />{' '}
                  <span className="muted">
                    {f.ownerName} · {number(f.score, 3)}
                  </span>{' '}
                  <ConfidenceMark confidence={f.confidence} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}

function CompanyResults({ results }: { results: CompanyMatch[] }) {
  const { t, number } = useI18n();
  return (
    <div className="match-results" aria-live="polite">
      <p role="status">{t('matching.companyCount', { count: results.length })}</p>
      <h2>{t('matching.companies')}</h2>
      {results.length === 0 ? (
        <p>{t('matching.noResults')}</p>
      ) : (
        <ol className="match-list">
          {results.map((c, i) => (
            <li key={c.actorId} className="match-card panel">
              <article aria-labelledby={`company-${c.actorId}`}>
                <header className="match-head">
                  <span className="match-rank">{i + 1}</span>
                  <h3 id={`company-${c.actorId}`}>
                    <Link href={`/actors/${encodeURIComponent(c.actorId)}`}>{c.name}</Link>
                  </h3>
                  <span className="match-score">
                    {t('matching.score')} {number(c.score, 3)}
                  </span>
                </header>
                {c.needIds.length > 0 && (
                  <p className="muted">{t('matching.viaNeeds', { count: c.needIds.length })}</p>
                )}
                <details>
                  <summary>{t('matching.why')}</summary>
                  <ExplanationView explanation={c.explanation} />
                </details>
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function titleOf(record: Record<string, unknown>): string {
  return typeof record['title'] === 'string' ? record['title'] : String(record['id']);
}

function RecordPicker({
  entity,
  label,
  onPick,
}: {
  entity: 'needs' | 'seeds';
  label: string;
  onPick: (id: string) => void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const list = useGet(entity === 'needs' ? '/api/needs' : '/api/seeds', {
    query: { limit: 100, sort: 'title', q: search },
  });
  const [selected, setSelected] = useState('');
  return (
    <form
      className="toolbar"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (selected) onPick(selected);
      }}
    >
      <label>
        {t('common.search')}
        <input
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          onBlur={() => setSearch(q.trim())}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              setSearch(q.trim());
            }
          }}
        />
      </label>
      <label>
        {label}
        <select
          name={entity}
          value={selected}
          onChange={(event) => setSelected(event.target.value)}
        >
          <option value="">{t('matching.choose')}</option>
          {(list.data?.items ?? []).map((record) => (
            <option key={String(record['id'])} value={String(record['id'])}>
              {titleOf(record)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button" disabled={selected === ''}>
        {t('matching.run')}
      </button>
      {list.status === 'error' && <span role="alert">{list.error}</span>}
    </form>
  );
}

export function MatchingPage() {
  const { t, label, language } = useI18n();
  const { meta } = useSharedData();
  const [mode, setMode] = useState<Mode>('text');
  const [text, setText] = useState('');
  const [prefecture, setPrefecture] = useState('');
  const [region, setRegion] = useState<(typeof REGIONS)[number]>('any');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const run = async (work: () => Promise<Outcome>) => {
    setOutcome({ kind: 'loading' });
    try {
      setOutcome(await work());
    } catch (failure) {
      setOutcome({
        kind: 'error',
        message: failure instanceof Error ? failure.message : String(failure),
      });
    }
  };

  const matchText = (scope: (typeof REGIONS)[number]) =>
    void run(async () => {
      const { data } = await send('post', '/api/matching/needs', {
        body: { text, region: scope, ...(prefecture ? { prefectureCode: prefecture } : {}) },
      });
      if (!data) throw new Error('empty answer');
      return { kind: 'seeds', result: data, region: scope };
    });
  const submitText = (event: FormEvent) => {
    event.preventDefault();
    matchText(region);
  };
  // "No good match" within a region: the same need again over all of Japan.
  const widenRegion = () => {
    setRegion('any');
    matchText('any');
  };

  return (
    <section aria-labelledby="matching-heading">
      <h1 id="matching-heading">{t('matching.title')}</h1>
      <p>{t('matching.intro')}</p>
      <div className="tabs" role="tablist" aria-label={t('matching.title')}>
        {MODES.map((name) => (
          <button
            key={name}
            id={`tab-${name}`}
            type="button"
            role="tab"
            aria-selected={mode === name}
            aria-controls="matching-panel"
            onClick={() => {
              setMode(name);
              setOutcome({ kind: 'idle' });
            }}
          >
            {t(`matching.mode.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="matching-panel" aria-labelledby={`tab-${mode}`}>
        {mode === 'text' && (
          <form className="panel form" onSubmit={submitText}>
            <label className="field">
              {t('matching.needText')}
              <textarea
                name="need"
                rows={5}
                required
                value={text}
                placeholder={t('matching.needPlaceholder')}
                onChange={(event) => setText(event.target.value)}
              />
            </label>
            <div className="toolbar">
              <label>
                {t('actors.prefecture')}
                <select value={prefecture} onChange={(event) => setPrefecture(event.target.value)}>
                  <option value="">{t('common.all')}</option>
                  {meta.prefectures.map((p) => (
                    <option key={p.code} value={p.code}>
                      {language === 'ja' ? p.name : p.nameEn}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('matching.regionScope')}
                <select
                  value={region}
                  onChange={(event) => {
                    const next = REGIONS.find((r) => r === event.target.value);
                    if (next) setRegion(next);
                  }}
                >
                  {REGIONS.map((r) => (
                    <option key={r} value={r}>
                      {label('regionScope', r)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="button" disabled={text.trim() === ''}>
                {t('matching.run')}
              </button>
            </div>
          </form>
        )}
        {mode === 'need' && (
          <RecordPicker
            entity="needs"
            label={t('matching.need')}
            onPick={(id) =>
              void run(async () => ({
                kind: 'seeds',
                needId: id,
                result: await api.get('/api/needs/{id}/matches', { params: { id } }),
              }))
            }
          />
        )}
        {mode === 'seed' && (
          <RecordPicker
            entity="seeds"
            label={t('matching.seed')}
            onPick={(id) =>
              void run(async () => ({
                kind: 'companies',
                results: (await api.get('/api/seeds/{id}/matches', { params: { id } })).results,
              }))
            }
          />
        )}
        {mode === 'browse' && <SeedsNeedsBrowser />}
        {outcome.kind === 'loading' && <Loading />}
        {outcome.kind === 'error' && <ErrorMessage message={outcome.message} />}
        {outcome.kind === 'seeds' && (
          <SeedResults
            result={outcome.result}
            {...(outcome.needId !== undefined ? { needId: outcome.needId } : {})}
            {...(outcome.region !== undefined && outcome.region !== 'any'
              ? { onWidenRegion: widenRegion }
              : {})}
          />
        )}
        {outcome.kind === 'companies' && <CompanyResults results={outcome.results} />}
      </div>
    </section>
  );
}
