import { describe, expect, it } from 'vitest';
import { documentTitle } from './document-title.ts';

describe('documentTitle', () => {
  it('names the page first, then the app', () => {
    expect(documentTitle('地図', 'Musubi 結び')).toBe('地図 – Musubi 結び');
  });

  it('folds the heading onto one line', () => {
    expect(documentTitle('  Region\n  report ', 'Musubi')).toBe('Region report – Musubi');
  });

  it('is the app name alone while no heading is shown', () => {
    expect(documentTitle(undefined, 'Musubi')).toBe('Musubi');
    expect(documentTitle('  ', 'Musubi')).toBe('Musubi');
  });
});
