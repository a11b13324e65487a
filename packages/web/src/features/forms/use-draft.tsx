/** Drafts of forms in sessionStorage (a .tsx file: it reads the browser storage, which only the web app's type settings know). */
import { useCallback, useEffect, useState } from 'react';
import type { FormValue, FormValues } from './form-values.ts';

const PREFIX = 'musubi.draft.';

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

function readDraft(key: string): FormValues | null {
  try {
    const text = globalThis.sessionStorage?.getItem(PREFIX + key);
    return text ? valuesFrom(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}

export interface Draft {
  values: FormValues;
  /** True when the values came back from an unsaved draft of this form. */
  restored: boolean;
  set(name: string, value: FormValue): void;
  /** Starts over from these values (a reload, a discarded draft); the stored draft is removed. */
  reset(values: FormValues): void;
  /** Forgets the draft (after saving). */
  clear(): void;
}

/**
 * A form's values kept in sessionStorage under its own key (`need:new`, `need:<id>`) as they are
 * typed, so leaving the page and coming back loses nothing; cleared once saved.
 */
export function useDraft(key: string, initial: () => FormValues): Draft {
  const [state, setState] = useState(() => {
    const stored = readDraft(key);
    return stored
      ? { values: { ...initial(), ...stored }, restored: true }
      : { values: initial(), restored: false };
  });
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) return;
    try {
      globalThis.sessionStorage?.setItem(PREFIX + key, JSON.stringify(state.values));
    } catch {
      // storage full or disabled: the form still works, only the draft is not kept
    }
  }, [key, state.values, dirty]);
  const set = useCallback((name: string, value: FormValue) => {
    setDirty(true);
    setState((previous) => ({ ...previous, values: { ...previous.values, [name]: value } }));
  }, []);
  const clear = useCallback(() => {
    setDirty(false);
    globalThis.sessionStorage?.removeItem(PREFIX + key);
  }, [key]);
  const reset = useCallback(
    (values: FormValues) => {
      setDirty(false);
      globalThis.sessionStorage?.removeItem(PREFIX + key);
      setState({ values, restored: false });
    },
    [key],
  );
  return { values: state.values, restored: state.restored, set, reset, clear };
}
