/** The programme analyses' answers as the contract describes them (types only). */

export type {
  CaseFactorsAnswer as WebCaseFactors,
  ContinuationAnswer as WebContinuation,
  GapFillAnswer as WebGapFill,
  PortfolioAnswer as WebPortfolio,
  ProjectHealthAnswer as WebProjectHealth,
  SupportFitAnswer as WebSupportFit,
} from '#contract/routes/programme-answers.ts';
/** A stored project as `/api/projects/{id}` returns it (the risk register's raw assessments). */
export type { Project as WebProject } from '#core/entities/project.ts';
