/**
 * The shared analyses the web app asks first, with the parameters its pages use by default
 * (roles; strengths map by records; the network page's 15 brokers, then all; the largest
 * community's gap filling; portfolio and region report:
 * Tokyo; region pages: Shizuoka; continuation as of this year): computed in the background when
 * the server starts, in this order, so the first visitor finds them ready (or read back from the
 * database when an earlier run kept them).
 */
import type { AnalysisRequest } from '#services/analysis-store/analysis-store.ts';

export const FIRST_ASKED_ANALYSES: readonly AnalysisRequest[] = [
  { name: 'roles', params: {} },
  { name: 'strengthsMap', params: { measure: 'records' } },
  { name: 'money', params: { prefectureCode: '22' } },
  { name: 'brokers', params: { limit: 15 } },
  // The same betweenness, kept by the worker for its network: the whole list costs little more.
  { name: 'brokers', params: {} },
  // The largest community's gap filling: it leaves the graph's strengths beside the betweenness,
  // so any community's page is quick (the store sends those requests to the warm worker).
  { name: 'gapFill', params: { community: 'c1' } },
  { name: 'continuation', params: {} },
  { name: 'portfolio', params: { prefectureCode: '13' } },
  { name: 'regionReport', params: { prefectureCode: '13' } },
  { name: 'strengths', params: { prefectureCode: '22' } },
  { name: 'regionStrategy', params: { prefectureCode: '22' } },
  { name: 'people', params: { prefectureCode: '22' } },
  { name: 'caseFactors', params: {} },
];
