/**
 * Where form drafts live: sessionStorage (this tab only), under `musubi.draft.<account>:<form>`.
 * A .tsx file: it reads the browser storage, which only the web app's type settings know.
 */
import type { FormValues } from './form-values.ts';

export const DRAFT_PREFIX = 'musubi.draft.';

/**
 * Forgets every draft of this tab (at sign-out: the next person at this browser must not find
 * the text of someone else's confidential need).
 */
export function clearDrafts(): void {
  const storage = globalThis.sessionStorage;
  if (!storage) return;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key?.startsWith(DRAFT_PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}

/** A stored draft read back defensively: only texts, checkboxes and lists of entries. */
function valuesFrom(parsed: unknown): FormValues | null {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const values: FormValues = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string' || typeof value === 'boolean') values[name] = value;
    else if (Array.isArray(value))
      values[name] = value.map(valuesFrom).filter((entry): entry is FormValues => entry !== null);
  }
  return values;
}

export function readDraft(key: string): FormValues | null {
  try {
    const text = globalThis.sessionStorage?.getItem(DRAFT_PREFIX + key);
    return text ? valuesFrom(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}
