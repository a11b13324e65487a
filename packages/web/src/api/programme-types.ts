export type {
  WebCaseFactors,
  WebCaseSearch,
  WebContinuation,
  WebPortfolio,
  WebProject,
  WebProjectHealth,
  WebSupportFit,
} from '../../../server/src/routes/programmes-types.ts';
