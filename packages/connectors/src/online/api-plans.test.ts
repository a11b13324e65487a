import { describe, expect, it } from 'vitest';
import { apiPlanOf, parseQuery } from './api-plans.ts';

const houjinPage = (number: number, size: number) =>
  `<?xml version="1.0" encoding="UTF-8"?><corporations><lastUpdateDate>2024-04-01</lastUpdateDate><count>2500</count><divideNumber>${number}</divideNumber><divideSize>${size}</divideSize></corporations>`;

describe('online plans', () => {
  it('法人番号: numbers go 10 a request; a period follows divide to the last page', () => {
    const plan = apiPlanOf('houjin-bangou');
    const numbers = Array.from({ length: 12 }, (_, i) => String(1000000000000 + i));
    const byNumber = plan.first({ number: numbers.join(',') }, plan.baseUrl);
    expect(byNumber).toHaveLength(2);
    expect(new URL(byNumber[1]?.url ?? '').searchParams.get('number')).toBe(
      numbers.slice(10).join(','),
    );
    expect(plan.next(byNumber[0] ?? { url: '' }, houjinPage(1, 1))).toBeNull();

    const [first] = plan.first({ from: '2024-04-01', to: '2024-04-05' }, 'http://127.0.0.1:9/');
    expect(first?.url).toBe(
      'http://127.0.0.1:9/4/diff?from=2024-04-01&to=2024-04-05&type=12&divide=1',
    );
    const second = plan.next(first ?? { url: '' }, houjinPage(1, 2));
    expect(new URL(second?.url ?? '').searchParams.get('divide')).toBe('2');
    expect(plan.next(second ?? { url: '' }, houjinPage(2, 2))).toBeNull();
    // the key is added only to the request as sent
    expect(plan.withKey(first ?? { url: '' }, 'SECRET').url).toContain('id=SECRET');
    expect(first?.url).not.toContain('SECRET');
  });

  it('refuses a query that cannot be asked, saying what it takes', () => {
    expect(() => apiPlanOf('houjin-bangou').first({ from: '2024-04-01' }, 'http://x')).toThrow(
      /from=YYYY-MM-DD&to=YYYY-MM-DD/,
    );
    expect(() => apiPlanOf('jgrants').first({ keyword: '省' }, 'http://x')).toThrow(/2 or more/);
    expect(() =>
      apiPlanOf('openalex').first({ entity: 'papers', filter: 'x' }, 'http://x'),
    ).toThrow(/not works, authors or institutions/);
    expect(() => apiPlanOf('ror')).toThrow(/no online mode/);
    expect(() => parseQuery(['from2024'])).toThrow(/name=value/);
    expect(parseQuery(['filter=a:b,c:d', 'mailto=x@example.org'])).toEqual({
      filter: 'a:b,c:d',
      mailto: 'x@example.org',
    });
  });

  it('OpenAlex follows the cursor until a page comes back empty', () => {
    const plan = apiPlanOf('openalex');
    const [first] = plan.first({ filter: 'institutions.country_code:JP' }, plan.baseUrl);
    expect(new URL(first?.url ?? '').searchParams.get('cursor')).toBe('*');
    const next = plan.next(
      first ?? { url: '' },
      JSON.stringify({ meta: { next_cursor: 'abc=' }, results: [{ id: 'W1' }] }),
    );
    expect(new URL(next?.url ?? '').searchParams.get('cursor')).toBe('abc=');
    expect(
      plan.next(next ?? { url: '' }, JSON.stringify({ meta: { next_cursor: 'def' }, results: [] })),
    ).toBeNull();
  });

  it('e-Stat follows NEXT_KEY; gBizINFO its pages; KAKEN its start index', () => {
    const estat = apiPlanOf('estat');
    const [table] = estat.first({ statsDataId: '0003065345', cdArea: '22000' }, estat.baseUrl);
    const page = (next?: number) =>
      JSON.stringify({
        GET_STATS_DATA: { STATISTICAL_DATA: { RESULT_INF: next ? { NEXT_KEY: next } : {} } },
      });
    expect(
      new URL(estat.next(table ?? { url: '' }, page(100001))?.url ?? '').searchParams.get(
        'startPosition',
      ),
    ).toBe('100001');
    expect(estat.next(table ?? { url: '' }, page())).toBeNull();

    const gbiz = apiPlanOf('gbizinfo');
    const [updates] = gbiz.first(
      { from: '20240401', to: '20240430', topic: 'subsidy' },
      gbiz.baseUrl,
    );
    expect(updates?.url).toContain('/v2/hojin/updateInfo/subsidy?');
    const p2 = gbiz.next(
      updates ?? { url: '' },
      JSON.stringify({ totalPage: '2', pageNumber: '1' }),
    );
    expect(new URL(p2?.url ?? '').searchParams.get('page')).toBe('2');
    expect(gbiz.next(p2 ?? { url: '' }, JSON.stringify({ totalPage: '2' }))).toBeNull();
    expect(gbiz.withKey(updates ?? { url: '' }, 'T').headers).toEqual({
      'X-hojinInfo-api-token': 'T',
    });

    const kaken = apiPlanOf('kaken');
    const [search] = kaken.first({ qe: '静岡大学' }, kaken.baseUrl);
    const xml = (total: number) =>
      `<?xml version="1.0"?><grantAwards><totalResults>${total}</totalResults></grantAwards>`;
    expect(
      new URL(kaken.next(search ?? { url: '' }, xml(450))?.url ?? '').searchParams.get('st'),
    ).toBe('201');
    expect(kaken.next(search ?? { url: '' }, xml(150))).toBeNull();
  });
});
