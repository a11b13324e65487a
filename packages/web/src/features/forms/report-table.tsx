/**
 * The table of an import's findings, one row per finding (where in the file, which field or
 * record, why), as the file check and a connector's dry run both show them.
 */
import type { ReactNode } from 'react';

export interface ReportRow {
  key: string;
  /** data-* attributes that name the row for tests and styles (data-row, data-field, data-at). */
  data: Record<`data-${string}`, string | number>;
  where: ReactNode;
  what: ReactNode;
  why: ReactNode;
}

export function ReportTable(props: {
  caption: string;
  headings: readonly [string, string, string];
  rows: readonly ReportRow[];
  className?: string;
}) {
  const [where, what, why] = props.headings;
  return (
    <div className="table-scroll">
      <table className={props.className}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{where}</th>
            <th scope="col">{what}</th>
            <th scope="col">{why}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key} {...row.data}>
              <td>{row.where}</td>
              <td>{row.what}</td>
              <td>{row.why}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
