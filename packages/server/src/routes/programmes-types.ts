/**
 * Response shapes of the programme analyses (`/api/analyses/{gap-fill,continuation}`,
 * `/api/portfolio/*`, `/api/support/fit`, `/api/case-library/factors`), whose routes are in the
 * contract but whose answers are not yet described in zod there. Types only: the web app imports
 * them with `import type`, so the server and the browser agree on one definition.
 */
import type { GapFillOutput } from '#services/analysis/analyze-gap-fill.ts';
import type { ContinuationOutput } from '#services/programmes/analyze-continuation.ts';
import type { CaseFactorsOutput } from '#services/programmes/case-library.ts';
import type { SupportFitOutput } from '#services/programmes/find-support-measures.ts';
import type { Portfolio, ProjectHealth } from '#services/programmes/project-portfolio.ts';
import type { CaseStory } from '#core/entities/case-story.ts';
import type { Project } from '#core/entities/project.ts';

/**
 * A value as it arrives over JSON: the analyses replace every non-finite number (NaN, ±Infinity)
 * with null (`finiteOrNull`), so any number may be null and means "not computable".
 */
export type Wire<T> = T extends number
  ? number | null
  : T extends object
    ? { [K in keyof T]: Wire<T[K]> }
    : T;

export type WebGapFill = Wire<GapFillOutput>;
export type WebContinuation = Wire<ContinuationOutput>;
export type WebPortfolio = Wire<Portfolio>;
export type WebProjectHealth = Wire<ProjectHealth>;
export type WebSupportFit = Wire<SupportFitOutput>;
export type WebCaseFactors = Wire<CaseFactorsOutput>;
export interface WebCaseSearch {
  total: number;
  cases: CaseStory[];
}
/** A stored project as `/api/projects/{id}` returns it (the risk register's raw assessments). */
export type WebProject = Project;
