import { lazy, Suspense, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { PageTitle } from './components/page-title.tsx';
import { ResponsiveTables } from './components/responsive-tables.tsx';
import { Loading } from './components/status.tsx';
import { DataProvider } from './data-context.tsx';
import { DirectoryPage } from './features/actors/directory-page.tsx';
import { ProfilePage } from './features/actors/profile-page.tsx';
import { HomePage } from './features/home/home-page.tsx';
import { AuthProvider, useAuth } from './features/auth/auth-context.tsx';
import { mayImport } from './features/auth/principal.ts';
import { SignInPage } from './features/auth/sign-in-page.tsx';
import { BoardPage } from './features/board/board-page.tsx';
import { CaseLibraryPage } from './features/cases/case-library-page.tsx';
import { ProgrammesPage } from './features/lists/list-pages.tsx';
import { ReviewPage } from './features/review/review-page.tsx';
import { MatchingPage } from './features/matching/matching-page.tsx';
import { ContinuationPage } from './features/programmes/continuation-page.tsx';
import { PortfolioPage } from './features/programmes/portfolio-page.tsx';
import { ProjectHealthPage } from './features/programmes/project-health-page.tsx';
import { MoneyPage } from './features/region/money-page.tsx';
import { PeoplePage } from './features/region/people-page.tsx';
import { RegionStrategyPage } from './features/region/region-strategy-page.tsx';
import { RegionReportPage } from './features/reports/region-report-page.tsx';
import { SupportNavigatorPage } from './features/support/support-navigator-page.tsx';
import { InboxBadge } from './features/inbox/inbox-badge.tsx';
import { InboxPage } from './features/inbox/inbox-page.tsx';
import { PreferencesPage } from './features/inbox/preferences-page.tsx';
import { AccountLinks } from './features/workflow/account-links.tsx';
import { CasePage } from './features/workflow/case-page.tsx';
import { DigestsPage } from './features/workflow/digests-page.tsx';
import { MySeedsPage } from './features/workflow/my-seeds-page.tsx';
import { SeedFeedbackPage } from './features/workflow/seed-feedback-page.tsx';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import type { MessageKey } from './i18n/i18n.tsx';
import { hrefOf, Link, useLocation } from './router.tsx';

// The map and network views carry d3-geo/topojson and sigma/graphology: loaded only when opened.
const MapPage = lazy(() =>
  import('./features/map/map-page.tsx').then((m) => ({ default: m.MapPage })),
);
const RolesPage = lazy(() =>
  import('./features/roles/roles-page.tsx').then((m) => ({ default: m.RolesPage })),
);
const StrengthsPage = lazy(() =>
  import('./features/strengths/strengths-page.tsx').then((m) => ({ default: m.StrengthsPage })),
);
const NetworkPage = lazy(() =>
  import('./features/network/network-page.tsx').then((m) => ({ default: m.NetworkPage })),
);
// Its links need the indicator's key, which the core's schema derives (zod stays out of the main bundle).
const IndicatorsPage = lazy(() =>
  import('./features/lists/indicators-page.tsx').then((m) => ({ default: m.IndicatorsPage })),
);
// The forms carry zod and the entity schemas: loaded only when a form or a record page opens.
const FormRoutes = lazy(() =>
  import('./features/forms/form-routes.tsx').then((m) => ({ default: m.FormRoutes })),
);
const FORM_PATHS =
  /^\/(needs|seeds|region-strategies|training-programmes|adoptions|funding|support-measures|programmes|cases|indicators)\/[^/]+$|^\/(actors|projects)\/[^/]+\/edit$|^\/actors\/[^/]+\/relations\/[^/]+$|^\/import$/;

const NAV: { path: string; key: MessageKey }[] = [
  { path: '/', key: 'nav.home' },
  { path: '/map', key: 'nav.map' },
  { path: '/network', key: 'nav.network' },
  { path: '/strengths', key: 'report2.strengthsNav' },
  { path: '/roles', key: 'roles.nav' },
  { path: '/actors', key: 'nav.actors' },
  { path: '/matching', key: 'nav.matching' },
  { path: '/board', key: 'nav.board' },
  { path: '/projects', key: 'nav.projects' },
  { path: '/programmes', key: 'nav.programmes' },
  { path: '/continuation', key: 'nav.continuation' },
  { path: '/region-strategy', key: 'regionStrategy.nav' },
  { path: '/money', key: 'money.nav' },
  { path: '/people', key: 'people.nav' },
  { path: '/support', key: 'nav.support' },
  { path: '/cases', key: 'nav.cases' },
  { path: '/reports', key: 'nav.reports' },
];

function isCurrent(navPath: string, path: string): boolean {
  return navPath === '/' ? path === '/' : path === navPath || path.startsWith(`${navPath}/`);
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('common.notFound')}</h1>
      <Link href="/">{t('common.backHome')}</Link>
    </section>
  );
}

function route(path: string): ReactNode {
  if (path === '/') return <HomePage />;
  if (FORM_PATHS.test(path)) return <FormRoutes path={path} />;
  if (path === '/map') return <MapPage />;
  if (path === '/network') return <NetworkPage />;
  if (path === '/strengths') return <StrengthsPage />;
  if (path === '/roles') return <RolesPage />;
  if (path === '/actors') return <DirectoryPage />;
  const profile = /^\/actors\/([^/]+)$/.exec(path);
  if (profile?.[1]) return <ProfilePage id={decodeURIComponent(profile[1])} />;
  if (path === '/matching') return <MatchingPage />;
  if (path === '/board') return <BoardPage />;
  if (path === '/projects') return <PortfolioPage />;
  const project = /^\/projects\/([^/]+)$/.exec(path);
  if (project?.[1]) return <ProjectHealthPage id={decodeURIComponent(project[1])} />;
  if (path === '/programmes') return <ProgrammesPage />;
  if (path === '/continuation') return <ContinuationPage />;
  if (path === '/region-strategy') return <RegionStrategyPage />;
  if (path === '/money') return <MoneyPage />;
  if (path === '/people') return <PeoplePage />;
  if (path === '/support') return <SupportNavigatorPage />;
  if (path === '/cases') return <CaseLibraryPage />;
  if (path === '/indicators') return <IndicatorsPage />;
  if (path === '/reports') return <RegionReportPage />;
  if (path === '/sign-in') return <SignInPage />;
  if (path === '/review') return <ReviewPage />;
  const workflowPage = workflowRoute(path);
  if (workflowPage !== null) return workflowPage;
  return <NotFound />;
}

/** The inbox, the consultation case, seed feedback and digests (issue 11). */
function workflowRoute(path: string): ReactNode {
  if (path === '/inbox') return <InboxPage />;
  if (path === '/inbox/preferences') return <PreferencesPage />;
  if (path === '/digests') return <DigestsPage />;
  if (path === '/my-seeds') return <MySeedsPage />;
  const consultation = /^\/consultations\/([^/]+)$/.exec(path);
  if (consultation?.[1]) return <CasePage id={decodeURIComponent(consultation[1])} />;
  const proposals = /^\/seeds\/([^/]+)\/proposals$/.exec(path);
  if (proposals?.[1]) return <SeedFeedbackPage seedId={decodeURIComponent(proposals[1])} />;
  return null;
}

/** Who is signed in, with sign-in / sign-out. */
function AccountMenu() {
  const { t } = useI18n();
  const { account, signOut } = useAuth();
  const { path, search } = useLocation();
  if (account === undefined) return <span className="account-menu" />;
  // Signing in from the header comes back to the page it was asked from.
  const here = search.toString() ? `${path}?${search.toString()}` : path;
  if (account === null)
    return (
      <Link
        href={path === '/sign-in' ? '/sign-in' : hrefOf('/sign-in', { next: here })}
        className="account-menu sign-in-link"
      >
        {t('auth.title')}
      </Link>
    );
  return (
    <span className="account-menu">
      <span className="account-name">{account.displayName}</span>
      <button type="button" className="language-switch" onClick={() => void signOut()}>
        {t('auth.signOut')}
      </button>
    </span>
  );
}

function Footer() {
  const { t } = useI18n();
  const { account } = useAuth();
  return (
    <footer className="site-footer">
      <p>
        {account
          ? t('app.signedIn', { name: account.displayName, role: t(`role.${account.role}`) })
          : t('app.anonymous')}
      </p>
    </footer>
  );
}

function Shell() {
  const { t, language, setLanguage } = useI18n();
  const { path } = useLocation();
  const { account } = useAuth();
  // The review queue of entity resolution is for administrators and coordinators; the import
  // page for the accounts the import routes accept (core/import-access.ts).
  const nav = [
    ...NAV,
    ...(account?.role === 'admin' || account?.role === 'coordinator'
      ? [{ path: '/review', key: 'ui2.review.nav' as const }]
      : []),
    ...(mayImport(account) ? [{ path: '/import', key: 'forms2.import.nav' as const }] : []),
  ];
  // On a phone the menu folds behind one button; it closes again on each page change.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  return (
    <>
      <PageTitle path={path} />
      <ResponsiveTables />
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="site-header">
        <div className="brand">
          <Link href="/" className="brand-name">
            {t('app.name')}
          </Link>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="header-actions">
          <AccountLinks />
          <InboxBadge />
          <AccountMenu />
          <button
            type="button"
            className="language-switch"
            lang={language === 'ja' ? 'en' : 'ja'}
            aria-label={`${t('app.language')}: ${t('app.switchTo')}`}
            onClick={() => setLanguage(language === 'ja' ? 'en' : 'ja')}
          >
            {t('app.switchTo')}
          </button>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="site-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('ui2.menu')}
          </button>
        </div>
        <nav
          id="site-nav"
          aria-label={t('nav.label')}
          className={menuOpen ? 'site-nav open' : 'site-nav'}
        >
          <ul>
            {nav.map((item) => (
              <li key={item.path}>
                <Link
                  href={item.path}
                  aria-current={isCurrent(item.path, path) ? 'page' : undefined}
                >
                  {t(item.key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <DataProvider>
          <Suspense fallback={<Loading />}>{route(path)}</Suspense>
        </DataProvider>
      </main>
      <Footer />
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <Shell />
      </AuthProvider>
    </I18nProvider>
  );
}
