import { useEffect, useId, useState } from 'react';
import type { WebContinuation } from '../../api/programme-types.ts';
import { useGet } from '../../api/use-api.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { isMessageKey, useI18n } from '../../i18n/i18n.tsx';
import { Link, updateQuery, useLocation } from '../../router.tsx';
import { ForestPlot } from './forest-plot.tsx';
import { KM_COLOURS, KmPlot } from './km-plot.tsx';
import { formatNumber, formatPValue, formatShare, formatSignificant } from './stat-format.ts';

type CrossTab = WebContinuation['crossTabs'][number];
type Comparison = WebContinuation['survival'][number];

function Verdict({ supported }: { supported: boolean }) {
  const { t } = useI18n();
  return (
    <span className={supported ? 'tag ok' : 'tag'}>
      {t(supported ? 'continuation.supported' : 'continuation.notSupported')}
    </span>
  );
}

function useFactorLabel() {
  const { label } = useI18n();
  return (name: string) => label('continuationFactor', name);
}

function RegressionSection({ data }: { data: WebContinuation }) {
  const { t, label, language } = useI18n();
  const factorLabel = useFactorLabel();
  const { regression, factors } = data;
  const sig = (v: number | null) => formatSignificant(v, language);
  return (
    <section className="panel section" aria-labelledby="regression-heading">
      <h2 id="regression-heading">{t('continuation.regression')}</h2>
      {regression.fitted ? (
        <p className="muted">
          {t('continuation.regressionMethod', {
            method: t(
              regression.method === 'firth'
                ? 'continuation.method.firth'
                : 'continuation.method.ml',
            ),
            records: formatNumber(regression.records, language),
            events: formatNumber(regression.events, language),
          })}
        </p>
      ) : (
        <p className="notice" role="note" data-testid="regression-unavailable">
          {t('continuation.noRegression', {
            reason: regression.error?.message ?? t('common.unknown'),
          })}
        </p>
      )}
      {factors.length > 0 ? (
        <div className="figure-stack">
          <table data-testid="factor-table">
            <caption>{t('continuation.factorTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('continuation.factor')}</th>
                <th scope="col" className="num">
                  {t('continuation.coefficient')}
                </th>
                <th scope="col" className="num">
                  {t('continuation.ci')}
                </th>
                <th scope="col" className="num">
                  {t('continuation.pValue')}
                </th>
                <th scope="col" className="num">
                  {t('continuation.oddsRatio')}
                </th>
                <th scope="col">{t('continuation.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {factors.map((f) => (
                <tr key={f.name}>
                  <th scope="row">
                    {factorLabel(f.name)}
                    <span className="stat-detail">
                      {isMessageKey(`ui2.factorUnit.${f.name}`)
                        ? label('ui2.factorUnit', f.name)
                        : f.unitEn}
                    </span>
                  </th>
                  <td className="num">{sig(f.coefficient)}</td>
                  <td className="num">
                    {sig(f.ciLow)} – {sig(f.ciHigh)}
                  </td>
                  <td className="num">{formatPValue(f.pValue)}</td>
                  <td className="num">
                    {sig(f.oddsRatio)}
                    <span className="stat-detail">
                      {sig(f.oddsRatioCiLow)} – {sig(f.oddsRatioCiHigh)}
                    </span>
                  </td>
                  <td>
                    <Verdict supported={f.supported} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <figure>
            <ForestPlot
              title={t('continuation.forestTitle')}
              language={language}
              noEffectLabel={t('continuation.noEffect')}
              rows={factors.map((f) => ({
                key: f.name,
                label: factorLabel(f.name),
                estimate: f.oddsRatio,
                low: f.oddsRatioCiLow,
                high: f.oddsRatioCiHigh,
                supported: f.supported,
              }))}
            />
            <figcaption className="muted">{t('continuation.forestCaption')}</figcaption>
          </figure>
        </div>
      ) : null}
      {regression.droppedFactors.length > 0 ? (
        <>
          <h3>{t('continuation.dropped')}</h3>
          <ul>
            {regression.droppedFactors.map((d) => (
              <li key={d.name}>
                {factorLabel(d.name)}: <span lang="en">{d.reason}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {regression.warnings.length > 0 ? (
        <ul className="warnings">
          {regression.warnings.map((w) => (
            <li key={w} lang="en">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      {regression.methodNote ? (
        <p className="muted" lang="en">
          {regression.methodNote}
        </p>
      ) : null}
    </section>
  );
}

function CrossTabView({ tab }: { tab: CrossTab }) {
  const { t, label, language } = useI18n();
  const factorLabel = useFactorLabel();
  const factor = factorLabel(tab.factor);
  const outcome = label('continuation', tab.outcome);
  const [[a, b], [c, d]] = tab.table;
  const n = (v: number | null) => formatNumber(v, language);
  return (
    <div className="crosstab" data-testid="crosstab">
      <table>
        <caption>{t('continuation.crossTabCaption', { factor, outcome })}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col" className="num">
              {outcome}
            </th>
            <th scope="col" className="num">
              {t('continuation.otherwise')}
            </th>
            <th scope="col" className="num">
              {t('continuation.outcomeShare')}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('continuation.with', { factor })}</th>
            <td className="num">{n(a)}</td>
            <td className="num">{n(b)}</td>
            <td className="num">{formatShare(tab.shareWithFactor, language)}</td>
          </tr>
          <tr>
            <th scope="row">{t('continuation.without', { factor })}</th>
            <td className="num">{n(c)}</td>
            <td className="num">{n(d)}</td>
            <td className="num">{formatShare(tab.shareWithoutFactor, language)}</td>
          </tr>
        </tbody>
      </table>
      <p>
        {t('continuation.crossTabResult', {
          or: formatSignificant(tab.oddsRatio, language),
          low: formatSignificant(tab.oddsRatioCiLow, language),
          high: formatSignificant(tab.oddsRatioCiHigh, language),
          p: formatPValue(tab.fisherP),
        })}{' '}
        <Verdict supported={tab.supported} />
      </p>
      {tab.haldaneCorrected ? <p className="muted">{t('continuation.haldane')}</p> : null}
    </div>
  );
}

function SurvivalView({ comparison }: { comparison: Comparison }) {
  const { t, label, language } = useI18n();
  const factorLabel = useFactorLabel();
  const title = t('continuation.kmTitle', { factor: factorLabel(comparison.factor) });
  const groupLabel = (g: string) => label('kmGroup', g);
  return (
    <div className="km" data-testid="km">
      <h3>{title}</h3>
      <KmPlot
        title={title}
        xLabel={t('continuation.kmX')}
        yLabel={t('continuation.kmY')}
        groups={comparison.groups.map((g) => ({ label: groupLabel(g.label), curve: g.curve }))}
      />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('continuation.group')}</th>
            <th scope="col" className="num">
              {t('continuation.records')}
            </th>
            <th scope="col" className="num">
              {t('continuation.events')}
            </th>
            <th scope="col" className="num">
              {t('continuation.median')}
            </th>
          </tr>
        </thead>
        <tbody>
          {comparison.groups.map((g, i) => (
            <tr key={g.label}>
              <th scope="row">
                <span
                  className="swatch"
                  aria-hidden="true"
                  style={{ background: KM_COLOURS[i % KM_COLOURS.length] }}
                />{' '}
                {groupLabel(g.label)}
              </th>
              <td className="num">{formatNumber(g.records, language)}</td>
              <td className="num">{formatNumber(g.events, language)}</td>
              <td className="num">
                {g.medianYears === null
                  ? t('continuation.medianNotReached')
                  : t('continuation.years', { years: formatNumber(g.medianYears, language, 1) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="log-rank">
        {comparison.logRank
          ? t('continuation.logRank', {
              chi: formatSignificant(comparison.logRank.chiSquare, language),
              df: formatNumber(comparison.logRank.degreesOfFreedom, language),
              p: formatPValue(comparison.logRank.pValue),
            })
          : t('continuation.noLogRank')}{' '}
        {comparison.logRank ? (
          <Verdict
            supported={comparison.logRank.pValue !== null && comparison.logRank.pValue < 0.05}
          />
        ) : null}
      </p>
    </div>
  );
}

/** The JAREC important-factor analysis: what lets activity continue after a programme ends. */
export function ContinuationPage() {
  const { t, language } = useI18n();
  const { search } = useLocation();
  const id = useId();
  const asOfFy = search.get('asOfFy') ?? '';
  const [draft, setDraft] = useState(asOfFy);
  useEffect(() => setDraft(asOfFy), [asOfFy]);
  const state = useGet('/api/analyses/continuation', { query: { asOfFy } });
  const data = state.data;
  const n = (v: number | null) => formatNumber(v, language);
  return (
    <section aria-labelledby="continuation-heading">
      <h1 id="continuation-heading">{t('continuation.title')}</h1>
      <p>{t('continuation.intro')}</p>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          updateQuery({ asOfFy: draft.trim() });
        }}
      >
        <label htmlFor={`${id}-fy`}>
          {t('continuation.asOfFy')}
          <input
            id={`${id}-fy`}
            type="number"
            min={1990}
            max={2100}
            value={draft}
            placeholder={data ? String(data.asOfFy) : ''}
            onChange={(e) => setDraft(e.target.value)}
          />
        </label>
        <button type="submit" className="button">
          {t('continuation.apply')}
        </button>
        <Link href="/programmes">{t('continuation.toProgrammes')}</Link>
      </form>
      {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
      {!data ? (
        <Loading />
      ) : (
        <div aria-busy={state.status === 'loading'} className="stack">
          <dl className="stats" data-testid="continuation-counts">
            <StatCard
              label={t('continuation.analysed')}
              value={n(data.records)}
              detail={t('continuation.asOf', { fy: String(data.asOfFy) })}
            />
            <StatCard label={t('continuation.continued')} value={n(data.outcome.continued)} />
            <StatCard label={t('continuation.stopped')} value={n(data.outcome.stopped)} />
            <StatCard
              label={t('continuation.excluded')}
              // without an analysis the excluded records were not listed: no count rather than 0
              value={
                (data.records ?? 0) > 0 || data.excluded.length > 0 ? n(data.excluded.length) : '—'
              }
              detail={t('continuation.read', { count: n(data.adoptionsRead) })}
            />
          </dl>
          <section className="panel section" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{t('continuation.summary')}</h2>
            <div className="summary" data-testid="continuation-summary">
              {(language === 'ja' ? data.summary : data.summaryEn)
                .split('\n')
                .filter((line) => line.trim() !== '')
                .map((line, i) => (
                  <p key={i}>{line}</p>
                ))}
            </div>
          </section>
          <RegressionSection data={data} />
          <section className="panel section" aria-labelledby="crosstabs-heading">
            <h2 id="crosstabs-heading">{t('continuation.crossTabs')}</h2>
            {data.crossTabs.length === 0 ? (
              <p className="notice" role="note">
                {t('continuation.noCrossTabs')}
              </p>
            ) : (
              <div className="crosstabs">
                {data.crossTabs.map((tab) => (
                  <CrossTabView key={`${tab.factor}-${tab.outcome}`} tab={tab} />
                ))}
              </div>
            )}
          </section>
          <section className="panel section" aria-labelledby="survival-heading">
            <h2 id="survival-heading">{t('continuation.survival')}</h2>
            {data.survival.length === 0 ? (
              <p className="notice" role="note">
                {t('continuation.noSurvival')}
              </p>
            ) : (
              <div className="km-grid">
                {data.survival.map((c) => (
                  <SurvivalView key={c.factor} comparison={c} />
                ))}
              </div>
            )}
          </section>
          <details className="panel section">
            <summary>{t('continuation.methods', { count: data.excluded.length })}</summary>
            <ul lang="en">
              {data.methodNotes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
            {data.excluded.length > 0 ? (
              <table>
                <caption>{t('continuation.excludedList')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('field.id')}</th>
                    <th scope="col">{t('continuation.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.excluded.map((e) => (
                    <tr key={e.adoptionId}>
                      <td>{e.adoptionId}</td>
                      <td lang="en">{e.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </details>
        </div>
      )}
    </section>
  );
}
