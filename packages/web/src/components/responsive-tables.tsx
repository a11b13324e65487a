import { useEffect } from 'react';
import { becomesCards, cellLabels } from './table-cards.ts';

function headingsOf(table: HTMLTableElement): string[] {
  const rows = table.tHead?.rows;
  const last = rows?.[rows.length - 1];
  if (!last) return [];
  const headings: string[] = [];
  for (const cell of Array.from(last.cells))
    for (let i = 0; i < Math.max(1, cell.colSpan); i++) headings.push(cell.textContent ?? '');
  return headings;
}

function annotate(table: HTMLTableElement): void {
  const headings = headingsOf(table);
  const cards = becomesCards(Array.from(table.classList), headings.length);
  table.classList.toggle('as-cards', cards);
  if (!cards) return;
  for (const body of Array.from(table.tBodies))
    for (const row of Array.from(body.rows)) {
      const cells = Array.from(row.cells);
      const labels = cellLabels(
        headings,
        cells.map((c) => c.colSpan),
      );
      cells.forEach((cell, i) => {
        const label = labels[i] ?? '';
        if (label === '') cell.removeAttribute('data-label');
        else if (cell.getAttribute('data-label') !== label) cell.setAttribute('data-label', label);
      });
    }
}

/**
 * Below 600 px wide, data tables read as cards: one card per row, each value under its column's
 * heading (styles.css, `table.as-cards`). The headings are copied onto the cells as `data-label`,
 * for every table any page draws, as it is drawn (a MutationObserver on `<main>`), so pages keep
 * writing plain tables.
 */
export function ResponsiveTables() {
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return undefined;
    let pending = false;
    const run = () => {
      pending = false;
      for (const table of Array.from(main.querySelectorAll('table'))) annotate(table);
    };
    const schedule = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(run);
    };
    run();
    const observer = new MutationObserver(schedule);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);
  return null;
}
