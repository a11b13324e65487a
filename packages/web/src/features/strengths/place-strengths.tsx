/**
 * One place's strengths (地域の強み of a prefecture): every field's location quotient with its
 * interval, the specialised ones marked, and the basis (what was counted, from where), as the
 * contract's strengths answer gives them.
 */
import type { StrengthsAnswer } from '#contract/routes/strengths-answers.ts';
import { useGet } from '../../api/use-api.tsx';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StrengthMeasure } from './strength-measures.ts';

/** Fields shown at most (the most specialised first). */
const SHOWN = 10;

export function PlaceStrengths({
  prefecture,
  measure,
}: {
  prefecture: string;
  measure: StrengthMeasure;
}) {
  const state = useGet('/api/analyses/strengths', { query: { prefecture, measure } });
  if (state.status === 'error') return <ErrorMessage message={state.error} />;
  if (!state.data) return <Loading />;
  return <PlaceStrengthsTable answer={state.data} />;
}

function PlaceStrengthsTable({ answer }: { answer: StrengthsAnswer }) {
  const { t, number } = useI18n();
  const lq = (v: number | null) => (v === null ? '—' : number(v, 2));
  const shown = answer.fields.filter((f) => f.count > 0).slice(0, SHOWN);
  return (
    <div data-testid="place-strengths" data-place={answer.scope.id}>
      <div style={{ overflowX: 'auto' }}>
        <table>
          <caption>
            {t('strengthsMoney.placeCaption', {
              name: answer.scope.name,
              count: answer.regionTotal,
              total: answer.total,
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('report2.strengthsField')}</th>
              <th scope="col" className="num">
                LQ
              </th>
              <th scope="col">{t('report2.strengthsInterval')}</th>
              <th scope="col" className="num">
                {t('report2.strengthsCount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((f) => (
              <tr key={f.field} data-field={f.field} data-specialised={f.specialised}>
                <th scope="row">
                  {f.field}
                  {f.specialised ? ` ★ ${t('report2.lq.specialisedShort')}` : ''}
                </th>
                <td className="num">{lq(f.lq)}</td>
                <td>{f.lq === null ? '—' : `[${lq(f.ciLow)}, ${lq(f.ciHigh)}]`}</td>
                <td className="num">{number(f.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="stat-detail">{t('strengthsMoney.basis')}</p>
      <UnitBasis units={answer.units} />
    </div>
  );
}

/** The kinds of unit counted, each with its count in the whole registry and its source. */
export function UnitBasis({ units }: { units: StrengthsAnswer['units'] }) {
  const { t, number } = useI18n();
  return (
    <ul className="stat-detail" data-testid="strengths-units">
      {units.map((u) => (
        <li key={u.unit} data-unit={u.unit}>
          {t(`report2.measure.${u.unit}`)}: {number(u.count)} — {u.source}
        </li>
      ))}
    </ul>
  );
}
