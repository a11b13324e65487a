import type { ListPageCache } from '#services/accounts/list-page-cache.ts';
import type { AnalysisStore } from '#services/analysis-store/analysis-store.ts';
import type { Principal } from '#core/accounts.ts';
import type { AnalysisWarmUp } from './analysis-warm-up.ts';
import type { Clock, Repositories, SessionRecord } from '#core/ports.ts';
import type { RateLimiter, SignInBackoff } from './rate-limit.ts';
import type { ServerConfig } from './server-config.ts';

/** What every API handler can reach: the request's principal and the app's dependencies. */
export interface ApiServices {
  repos: Repositories;
  clock: Clock;
  config: ServerConfig;
  limiters: {
    signInPerAddress: RateLimiter;
    signInBackoff: SignInBackoff;
    search: RateLimiter;
  };
  /** Pages of the lists whose answer is the same for everyone, keyed on their table's version. */
  listPages: ListPageCache;
  /** Shared analyses (public records only), computed once per data change and kept. */
  analyses: AnalysisStore;
  /** The analyses computed ahead of being asked, when this server runs a warm-up. */
  analysisWarmUp: AnalysisWarmUp | null;
}

export interface AppEnv {
  Variables: {
    principal: Principal;
    /** Set when the request came with a valid session cookie. */
    session: SessionRecord | undefined;
    /** The raw session token from the cookie (sign-out ends it). */
    sessionToken: string | undefined;
  };
}
