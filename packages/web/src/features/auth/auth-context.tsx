import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, type Answer } from '../../api/api-client.ts';
import { send } from '../../api/send-json.tsx';
import type { AccountView } from '../../api/workflow-types.ts';
import { clearDrafts } from '../forms/draft-storage.tsx';

export interface Auth {
  /** undefined while loading, null when signed out. */
  account: AccountView | null | undefined;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

type Me = Answer<'/api/auth/me'>;

/** The account with its organisation (what a prefecture's members may record rests on it). */
function accountOf(me: Me): AccountView | null {
  return me.account ? { ...me.account, organisation: me.organisation ?? null } : null;
}

/** Who is signed in (session cookie); sign-in and sign-out. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<AccountView | null | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    api.get('/api/auth/me', undefined, controller.signal).then(
      (me) => setAccount(accountOf(me)),
      () => {
        if (!controller.signal.aborted) setAccount(null);
      },
    );
    return () => controller.abort();
  }, []);
  const signIn = useCallback(async (email: string, password: string) => {
    const { data } = await send('post', '/api/auth/sign-in', { body: { email, password } });
    const me = await api.get('/api/auth/me', undefined).catch(() => undefined);
    setAccount(me ? accountOf(me) : (data?.account ?? null));
  }, []);
  const signOut = useCallback(async () => {
    await send('post', '/api/auth/sign-out');
    clearDrafts();
    setAccount(null);
  }, []);
  const value = useMemo(() => ({ account, signIn, signOut }), [account, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}
