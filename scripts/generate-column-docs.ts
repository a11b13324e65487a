/**
 * Writes docs/columns.md from the entity specs, the single source of the file columns.
 * Run: node bin/run-ts.mjs scripts/generate-column-docs.ts (a test checks the file is current).
 */
import { writeFileSync } from 'node:fs';
import { renderColumnDocs } from './column-docs.ts';

writeFileSync('docs/columns.md', renderColumnDocs());
console.log('docs/columns.md written');
