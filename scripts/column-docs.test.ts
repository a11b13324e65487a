import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderColumnDocs } from './column-docs.ts';

describe('docs/columns.md', () => {
  it('is current with the entity specs (regenerate with scripts/generate-column-docs.ts)', () => {
    expect(readFileSync('docs/columns.md', 'utf8')).toBe(renderColumnDocs());
  });
  it('documents the contract columns', () => {
    const docs = renderColumnDocs();
    for (const column of [
      '`id`',
      '`kind`',
      '`sector`',
      '`prefecture_code`',
      '`source_id`',
      '`owner_id`',
      '`confidentiality`',
      '`prefecture_codes`',
      '`final_grade`',
    ]) {
      expect(docs).toContain(column);
    }
  });
});
