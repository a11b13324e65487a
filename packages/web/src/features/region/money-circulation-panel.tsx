import { StatCard } from '../../components/stat-card.tsx';
import { useSharedData } from '../../data-context.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MoneyCirculationAnswer } from '#contract/routes/region-answers.ts';

/** Where the region's money comes from, and whether the money of its own funders stays (地域の資金循環). */
export function MoneyCirculationPanel({ circulation }: { circulation: MoneyCirculationAnswer }) {
  const { t, label, number, percent } = useI18n();
  const { prefectureName } = useSharedData();
  const share = (v: number | null) => (v === null ? '—' : percent(v));
  const yen = (v: number) => t('money.millions', { value: number(v / 1e6, 1) });
  const place = (code: string) =>
    code === 'abroad' ? t('money.circ.abroad') : prefectureName(code);
  const received = circulation.received.filter((o) => o.flows > 0);
  return (
    <div className="stack" data-testid="money-circulation">
      <h2>{t('money.circ.title')}</h2>
      <dl className="stats">
        <StatCard
          label={t('money.circ.selfFunded')}
          value={share(circulation.selfFundedShare)}
          detail={t('money.circ.selfFundedDetail')}
        />
        <StatCard
          label={t('money.circ.retention')}
          value={share(circulation.retentionShare)}
          detail={t('money.circ.retentionDetail', {
            kept: yen(circulation.given.kept),
            out: yen(circulation.given.paidOut),
          })}
        />
      </dl>
      {circulation.notes.length > 0 ? (
        <p className="notice" data-testid="money-circulation-note">
          {t('money.circ.thin')}
        </p>
      ) : null}
      <div className="panel">
        <table>
          <caption>{t('money.circ.byOrigin')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('money.circ.origin')}</th>
              <th scope="col" className="num">
                {t('money.total')}
              </th>
              <th scope="col" className="num">
                {t('money.circ.share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {received.length === 0 ? (
              <tr>
                <td colSpan={3}>{t('money.circ.none')}</td>
              </tr>
            ) : (
              received.map((o) => (
                <tr key={o.origin} data-origin={o.origin}>
                  <th scope="row">{label('money.circ.origin', o.origin)}</th>
                  <td className="num">{yen(o.amount)}</td>
                  <td className="num">{share(o.share)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {circulation.destinations.length > 0 ? (
        <div className="panel">
          <table data-testid="money-destinations">
            <caption>{t('money.circ.destinations')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('money.circ.place')}</th>
                <th scope="col" className="num">
                  {t('money.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {circulation.destinations.slice(0, 10).map((d) => (
                <tr key={d.place}>
                  <th scope="row">{place(d.place)}</th>
                  <td className="num">{yen(d.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
