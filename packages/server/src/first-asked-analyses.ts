/**
 * The shared analyses the web app asks first, with the parameters its pages use by default
 * (portfolio and region report: Tokyo; region pages: Shizuoka; continuation as of this year):
 * computed in the background when the server starts so the first visitor finds them ready.
 */
import type { AnalysisRequest } from '#services/analysis-store/analysis-store.ts';

export const FIRST_ASKED_ANALYSES: readonly AnalysisRequest[] = [
  { name: 'continuation', params: {} },
  { name: 'portfolio', params: { prefectureCode: '13' } },
  { name: 'regionReport', params: { prefectureCode: '13' } },
  { name: 'brokers', params: {} },
  { name: 'strengths', params: { prefectureCode: '22' } },
  { name: 'regionStrategy', params: { prefectureCode: '22' } },
  { name: 'money', params: { prefectureCode: '22' } },
  { name: 'people', params: { prefectureCode: '22' } },
  { name: 'caseFactors', params: {} },
];
