import { useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { EntityName } from '#core/entities/registry.ts';
import { api } from '../../api/api-client.ts';
import { ErrorMessage, Loading } from '../../components/status.tsx';
import { SearchForm } from '../../components/search-form.tsx';
import { StaleMark } from '../../components/data-notes.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/i18n.tsx';

export interface Column {
  field: string;
  header: MessageKey;
  render?(record: Record<string, unknown>): ReactNode;
  /** A quantity: right-aligned and grouped (1,234). Years and codes are not. */
  numeric?: boolean;
}

const PAGE = 50;

/** A searchable list over one generic API list (`/api/<entity>?q=&limit=&cursor=`). */
export function EntityList({
  entity,
  caption,
  columns,
  freshness = false,
}: {
  entity: EntityName;
  caption: string;
  columns: Column[];
  /** Records with provenance (source, confirmation date): flag the stale ones, filter by it. */
  freshness?: boolean;
}) {
  const { t, number } = useI18n();
  const id = useId();
  const [q, setQ] = useState('');
  const [staleOnly, setStaleOnly] = useState(false);
  const [items, setItems] = useState<readonly Record<string, unknown>[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<
    { status: 'loading' | 'ready' } | { status: 'error'; error: string }
  >({
    status: 'loading',
  });

  const load = (query: string, after: string | null, signal?: AbortSignal) => {
    setState({ status: 'loading' });
    const stale = staleOnly ? { stale: 'true' as const } : {};
    api
      .get(`/api/${entity}`, { query: { limit: PAGE, q: query, cursor: after, ...stale } }, signal)
      .then(
        (page: { items: readonly Record<string, unknown>[]; nextCursor: string | null }) => {
          setItems((previous) => (after ? [...previous, ...page.items] : page.items));
          setCursor(page.nextCursor);
          setState({ status: 'ready' });
        },
        (error: unknown) => {
          if (signal?.aborted) return;
          setState({
            status: 'error',
            error: error instanceof Error ? error.message : String(error),
          });
        },
      );
  };

  useEffect(() => {
    const controller = new AbortController();
    load(q, null, controller.signal);
    return () => controller.abort();
  }, [entity, q, staleOnly]);

  return (
    <section aria-labelledby={`${id}-caption`} className="panel" style={{ marginBottom: '1rem' }}>
      <h2 id={`${id}-caption`}>{caption}</h2>
      <SearchForm label={t('lists.searchLabel')} onSearch={(text) => setQ(text)}></SearchForm>
      {freshness && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={staleOnly}
            onChange={(event) => setStaleOnly(event.target.checked)}
          />{' '}
          {t('ui2.staleOnly')}
        </label>
      )}
      {state.status === 'error' ? <ErrorMessage message={state.error} /> : null}
      {items.length === 0 && state.status === 'ready' ? <p>{t('lists.empty')}</p> : null}
      {items.length > 0 ? (
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.field} scope="col" className={c.numeric ? 'num' : undefined}>
                  {t(c.header)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((record, i) => (
              <tr key={String(record['id'] ?? i)}>
                {columns.map((c, column) => {
                  const value = record[c.field];
                  return (
                    <td key={c.field} className={c.numeric ? 'num' : undefined}>
                      {freshness && column === 0 && (
                        <>
                          <StaleMark record={record} />{' '}
                        </>
                      )}
                      {c.render
                        ? c.render(record)
                        : typeof value === 'number'
                          ? c.numeric
                            ? number(value)
                            : String(value)
                          : Array.isArray(value)
                            ? value.join('、')
                            : value === undefined || value === null
                              ? '—'
                              : String(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {state.status === 'loading' ? <Loading /> : null}
      {cursor && state.status === 'ready' ? (
        <div className="pager">
          <button type="button" className="button secondary" onClick={() => load(q, cursor)}>
            {t('lists.more')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
