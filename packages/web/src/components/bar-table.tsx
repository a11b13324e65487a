import { useI18n } from '../i18n/i18n.tsx';

export interface BarRow {
  key: string;
  label: string;
  value: number;
  colour?: string;
}

/** A table with a bar per row: readable by screen readers, scannable by eye. */
export function BarTable({
  caption,
  rows,
  hideZero = true,
}: {
  caption: string;
  rows: BarRow[];
  hideZero?: boolean;
}) {
  const { t, number } = useI18n();
  const shown = hideZero ? rows.filter((r) => r.value > 0) : rows;
  const max = Math.max(1, ...shown.map((r) => r.value));
  return (
    <table className="bar-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('common.name')}</th>
          <th scope="col" className="num">
            {t('common.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {shown.length === 0 ? (
          <tr>
            <td colSpan={2}>{t('common.none')}</td>
          </tr>
        ) : (
          shown.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                <span className="bar-label">{row.label}</span>
                <span
                  className="bar"
                  aria-hidden="true"
                  style={{
                    width: `${(row.value / max) * 100}%`,
                    background: row.colour ?? '#3182bd',
                  }}
                />
              </th>
              <td className="num">{number(row.value)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
