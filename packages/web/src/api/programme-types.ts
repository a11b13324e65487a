export type {
  WebCaseFactors,
  WebCaseSearch,
  WebContinuation,
  WebGapFill,
  WebPortfolio,
  WebProject,
  WebProjectHealth,
  WebSupportFit,
} from '../../../server/src/routes/programmes-types.ts';
