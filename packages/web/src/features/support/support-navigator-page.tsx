import { useEffect, useId, useState } from 'react';
import type { WebSupportFit } from '../../api/programme-types.ts';
import { useGet } from '../../api/use-api.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useSharedData } from '../../data-context.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { updateQuery, useLocation } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { WriteActions } from '../forms/lazy-forms.tsx';
import { EntityList } from '../lists/entity-list.tsx';
import { formatYen } from '../programmes/stat-format.ts';
import { reasonMessage, STAGE_NAMES, type ReasonNames } from './support-reasons.ts';

const STAGES = ['zero_to_one', 'one_to_hundred', 'hundred_to_infinity'] as const;
type Match = WebSupportFit['matches'][number];

/** Finds the company or project to advise: a search box and the first matches as buttons. */
function SubjectPicker({ kind }: { kind: 'actor' | 'project' }) {
  const { t, label } = useI18n();
  const { prefectureName } = useSharedData();
  const [q, setQ] = useState('');
  const actors = useGet(
    '/api/web/actors',
    kind === 'actor' && q ? { query: { q, sector: 'company', limit: 10 } } : null,
  );
  const projects = useGet(
    '/api/projects',
    kind === 'project' && q ? { query: { q, limit: 10 } } : null,
  );
  const options =
    kind === 'actor'
      ? (actors.data?.items ?? []).map((a) => ({
          id: a.id,
          name: a.name,
          detail: `${prefectureName(a.prefectureCode)} · ${a.flags.map((f) => label('flag', f)).join('・')}`,
        }))
      : (projects.data?.items ?? []).map((p) => ({
          id: String(p['id']),
          name: String(p['title']),
          detail: label('stage', String(p['stage'])),
        }));
  const state = kind === 'actor' ? actors : projects;
  return (
    <div className="picker">
      <SearchForm
        label={t(kind === 'actor' ? 'support.findCompany' : 'support.findProject')}
        onSearch={(text) => setQ(text)}
      ></SearchForm>
      {q && state.status === 'loading' ? <Loading /> : null}
      {q && state.status === 'ready' && options.length === 0 ? <p>{t('lists.empty')}</p> : null}
      {options.length > 0 ? (
        <ul className="search-results" aria-label={t('support.candidates')}>
          {options.map((o) => (
            <li key={o.id}>
              <button type="button" onClick={() => updateQuery({ [kind]: o.id })}>
                {o.name}
              </button>{' '}
              <span className="muted">{o.detail}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A criterion's reason in the chosen language, from its code and values. */
function useReasonText() {
  const { t, label, language } = useI18n();
  const { prefectureName } = useSharedData();
  const names: ReasonNames = {
    prefecture: prefectureName,
    sector: (code) => label('sector', code),
    stage: (code) => STAGE_NAMES[code] ?? code,
    yen: (amount) => formatYen(amount, language),
    list: (items) => items.join(language === 'ja' ? '・' : ', '),
  };
  return (r: Match['reasons'][number]): string => {
    const message = reasonMessage(r, names);
    return t(message.key, message.values);
  };
}

function Criteria({ items, ok }: { items: Match['reasons']; ok: boolean }) {
  const { label } = useI18n();
  const text = useReasonText();
  return (
    <ul className={ok ? 'criteria ok' : 'criteria miss'}>
      {items.map((r) => (
        <li key={r.criterion} data-code={r.code}>
          <span aria-hidden="true">{r.ok ? '✓' : '✗'}</span>{' '}
          <strong>{label('criterion', r.criterion)}</strong>: {text(r)}
        </li>
      ))}
    </ul>
  );
}

function MeasureCard({ match, near }: { match: Match; near: boolean }) {
  const { t, language } = useI18n();
  const m = match.measure;
  return (
    <li className="panel measure" data-testid={near ? 'near-miss' : 'fit'}>
      <h3>{m.url ? <a href={m.url}>{m.name}</a> : m.name}</h3>
      <p className="muted">
        {m.provider}
        {m.maxAmount !== undefined && m.maxAmount !== null
          ? ` · ${t('support.upTo', { amount: formatYen(m.maxAmount, language) })}`
          : ''}
        {m.startDate || m.endDate ? ` · ${m.startDate ?? ''}〜${m.endDate ?? ''}` : ''}
      </p>
      {m.eligibility ? <p>{m.eligibility}</p> : null}
      {near ? (
        <>
          <h4>{t('support.whyNot')}</h4>
          <Criteria items={match.whyNot} ok={false} />
          <details>
            <summary>{t('support.whatFits')}</summary>
            <Criteria items={match.reasons.filter((r) => r.ok)} ok />
          </details>
        </>
      ) : (
        <>
          <h4>{t('support.why')}</h4>
          <Criteria items={match.reasons} ok />
        </>
      )}
    </li>
  );
}

/** METI's "support system made visible": which support measures fit this company or project now. */
export function SupportNavigatorPage() {
  const { t, label, language } = useI18n();
  const { prefectureName } = useSharedData();
  const { account } = useAuth();
  const { search } = useLocation();
  const id = useId();
  const actor = search.get('actor') ?? '';
  const project = search.get('project') ?? '';
  const kind: 'actor' | 'project' =
    search.get('kind') === 'project' || project ? 'project' : 'actor';
  const stage = search.get('stage') ?? '';
  const amount = search.get('amount') ?? '';
  const [amountDraft, setAmountDraft] = useState(amount);
  useEffect(() => setAmountDraft(amount), [amount]);
  const subjectChosen = kind === 'actor' ? actor : project;
  const state = useGet(
    '/api/support/fit',
    subjectChosen
      ? { query: { ...(kind === 'actor' ? { actor } : { project }), stage, amount } }
      : null,
  );
  const fit = subjectChosen ? state.data : undefined;
  const chooseKind = (next: 'actor' | 'project') =>
    updateQuery({ kind: next, actor: undefined, project: undefined });
  return (
    <section aria-labelledby="support-heading">
      <h1 id="support-heading">{t('support.title')}</h1>
      <WriteActions entity="support-measures" newHref="/support-measures/new" />
      <p>{t('support.intro')}</p>
      <div className="tabs" role="tablist" aria-label={t('support.subjectKind')}>
        {(['actor', 'project'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={kind === k}
            onClick={() => chooseKind(k)}
          >
            {t(k === 'actor' ? 'support.forCompany' : 'support.forProject')}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="panel section">
        <SubjectPicker key={kind} kind={kind} />
        {kind === 'actor' && account?.organisationId ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => updateQuery({ actor: account.organisationId ?? undefined })}
          >
            {t('support.myOrganisation')}
          </button>
        ) : null}
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            updateQuery({ amount: amountDraft.trim() });
          }}
        >
          <label htmlFor={`${id}-stage`}>
            {t('support.stage')}
            <select
              id={`${id}-stage`}
              value={stage}
              onChange={(e) => updateQuery({ stage: e.target.value })}
            >
              <option value="">{t('support.stageAuto')}</option>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {label('path', s)}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={`${id}-amount`}>
            {t('support.amount')}
            <input
              id={`${id}-amount`}
              type="number"
              min={0}
              step={100000}
              value={amountDraft}
              onChange={(e) => setAmountDraft(e.target.value)}
            />
          </label>
          <button type="submit" className="button secondary">
            {t('support.applyAmount')}
          </button>
        </form>
      </div>
      {!subjectChosen ? <p className="notice">{t('support.chooseFirst')}</p> : null}
      {subjectChosen && state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
      {subjectChosen && !fit && state.status !== 'error' ? <Loading /> : null}
      {fit ? (
        <div aria-busy={state.status === 'loading'} className="stack">
          <section className="panel section" aria-labelledby="subject-heading">
            <h2 id="subject-heading" data-testid="support-subject">
              {fit.subject.name}
            </h2>
            <dl className="attributes">
              <dt>{t('support.stage')}</dt>
              <dd>
                {label('path', fit.subject.stage)}{' '}
                <span className="muted">
                  (
                  {fit.stageReasonCode === 'given'
                    ? t('support.stageGiven')
                    : t('support.stageDerived', {
                        reason: t(`support.stageReason.${fit.stageReasonCode}`),
                      })}
                  )
                </span>
              </dd>
              <dt>{t('field.sector')}</dt>
              <dd>{label('sector', fit.subject.sector)}</dd>
              <dt>{t('actors.prefecture')}</dt>
              <dd>{prefectureName(fit.subject.prefectureCode)}</dd>
              <dt>{t('field.field')}</dt>
              <dd>{fit.subject.fields.length > 0 ? fit.subject.fields.join('、') : '—'}</dd>
              {fit.subject.amountNeeded !== undefined && fit.subject.amountNeeded !== null ? (
                <>
                  <dt>{t('support.amount')}</dt>
                  <dd>{formatYen(fit.subject.amountNeeded, language)}</dd>
                </>
              ) : null}
            </dl>
          </section>
          <section aria-labelledby="fits-heading">
            <h2 id="fits-heading">{t('support.fits', { count: fit.matches.length })}</h2>
            {fit.matches.length === 0 ? (
              <p>{t('support.noFits')}</p>
            ) : (
              <ul className="measure-list">
                {fit.matches.map((m) => (
                  <MeasureCard key={m.measure.id} match={m} near={false} />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="near-heading">
            <h2 id="near-heading">{t('support.nearMisses', { count: fit.nearMisses.length })}</h2>
            {fit.nearMisses.length === 0 ? (
              <p>{t('common.none')}</p>
            ) : (
              <ul className="measure-list">
                {fit.nearMisses.map((m) => (
                  <MeasureCard key={m.measure.id} match={m} near />
                ))}
              </ul>
            )}
          </section>
        </div>
      ) : null}
      <EntityList
        entity="support-measures"
        caption={t('support.catalogue')}
        columns={[
          { field: 'name', header: 'common.name' },
          { field: 'provider', header: 'field.provider' },
          {
            field: 'stages',
            header: 'support.stage',
            render: (r) =>
              Array.isArray(r['stages']) && r['stages'].length > 0
                ? r['stages'].map((s) => label('path', String(s))).join('・')
                : t('support.anyStage'),
          },
          {
            field: 'maxAmount',
            header: 'field.maxAmount',
            numeric: true,
            render: (r) =>
              typeof r['maxAmount'] === 'number' ? formatYen(r['maxAmount'], language) : '—',
          },
          { field: 'endDate', header: 'field.endDate' },
        ]}
      />
    </section>
  );
}
