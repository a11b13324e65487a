/** A form's draft kept while it is typed (storage in draft-storage.tsx). */
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../auth/auth-context.tsx';
import { DRAFT_PREFIX, readDraft } from './draft-storage.tsx';
import type { FormValue, FormValues } from './form-values.ts';

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
 * A form's values kept in sessionStorage under its own key (`needs:new`, `needs:<id>`, per account)
 * as they are typed, so leaving the page and coming back loses nothing; cleared once saved.
 */
export function useDraft(formKey: string, initial: () => FormValues): Draft {
  // Each account its own drafts, even in a tab shared by two people.
  const { account } = useAuth();
  const key = `${account?.id ?? 'anonymous'}:${formKey}`;
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
      globalThis.sessionStorage?.setItem(DRAFT_PREFIX + key, JSON.stringify(state.values));
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
    globalThis.sessionStorage?.removeItem(DRAFT_PREFIX + key);
  }, [key]);
  const reset = useCallback(
    (values: FormValues) => {
      setDirty(false);
      globalThis.sessionStorage?.removeItem(DRAFT_PREFIX + key);
      setState({ values, restored: false });
    },
    [key],
  );
  return { values: state.values, restored: state.restored, set, reset, clear };
}
