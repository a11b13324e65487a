import { describe, expect, it } from 'vitest';
import { CONNECTORS, creditsOf, provenanceSources } from './connectors.ts';

describe('credits of the sources present', () => {
  it('lists each open source once with its credit line, in the connectors order; others ask none', () => {
    const records = [
      { source: 'ror' },
      { source: 'demo', fieldSources: { name: { source: 'houjin-bangou', on: '2021-10-01' } } },
      { source: 'ror' },
      {},
    ];
    expect(creditsOf(provenanceSources(records))).toEqual([
      { source: 'houjin-bangou', credit: CONNECTORS['houjin-bangou'].credit },
      { source: 'ror', credit: CONNECTORS.ror.credit },
    ]);
    expect(creditsOf(['demo', undefined, 'toString'])).toEqual([]);
  });
  it('every connector carries the credit line its FORMAT.md asks for', () => {
    for (const connector of Object.values(CONNECTORS))
      expect(connector.credit.length).toBeGreaterThan(10);
    expect(CONNECTORS['houjin-bangou'].credit).toMatch(/国税庁/);
    expect(CONNECTORS.estat.credit).toMatch(/e-Stat|政府統計/);
  });
});
