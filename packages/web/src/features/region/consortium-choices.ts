/**
 * The consortia a picker offers (organisations flagged `consortium`, core/consortium.ts), as read
 * from the actors list, and the search that narrows them.
 */

export interface ConsortiumChoice {
  id: string;
  name: string;
  nameEn?: string;
}

/** The choices in the list's order; items without an id are left out. */
export function choicesOf(items: readonly Record<string, unknown>[]): ConsortiumChoice[] {
  return items.flatMap((item) => {
    const { id, name, nameEn } = item;
    if (typeof id !== 'string') return [];
    return [
      {
        id,
        name: typeof name === 'string' ? name : id,
        ...(typeof nameEn === 'string' ? { nameEn } : {}),
      },
    ];
  });
}

/** Whether the choice's name, English name or code holds the typed text (any case, any width). */
export function consortiumMatches(choice: ConsortiumChoice, text: string): boolean {
  const wanted = text.normalize('NFKC').trim().toLowerCase();
  if (wanted === '') return true;
  return [choice.name, choice.nameEn ?? '', choice.id].some((value) =>
    value.normalize('NFKC').toLowerCase().includes(wanted),
  );
}
