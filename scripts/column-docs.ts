import { ENTITY_NAMES, ENTITY_SPECS } from '#core/entities/registry.ts';
import { requiredColumns } from '#core/flat-record.ts';

export function renderColumnDocs(): string {
  const parts = [
    '# Import and export columns',
    '',
    'Generated from `packages/core/src/entities/registry.ts` by `scripts/generate-column-docs.ts`; do not edit by hand.',
    '',
    'CSV and XLSX files use these column names in their header row (any order; UTF-8, Shift_JIS/CP932 or EUC-JP, detected).',
    'Lists are `;`-separated. JSON and NDJSON files use the field names (camelCase) with real arrays and numbers.',
    '`id` is the external identifier a re-import upserts on; relations are identified by source, target, type and start date,',
    'indicators by area type, area code, year and metric.',
    '',
    'Codes that lost their leading zero in a spreadsheet are read back: prefecture `1` → `01`, municipality `11002` → `011002`.',
    'Numbers may carry thousands separators (`1,200`) and full-width digits.',
    '',
  ];
  for (const name of ENTITY_NAMES) {
    const spec = ENTITY_SPECS[name];
    const required = new Set(requiredColumns(spec).map((c) => c.column));
    parts.push(
      `## ${name} (${spec.labelJa})`,
      '',
      '| column | JSON field | required | meaning |',
      '|---|---|---|---|',
    );
    for (const column of spec.columns) {
      if (spec.derivedKey && column.column === 'id') continue;
      parts.push(
        `| \`${column.column}\` | \`${column.field}\` | ${required.has(column.column) ? 'yes' : ''} | ${column.doc.replace(/\|/g, '\\|')}${column.references ? ` → ${column.references}` : ''} |`,
      );
    }
    parts.push('');
  }
  return parts.join('\n');
}
