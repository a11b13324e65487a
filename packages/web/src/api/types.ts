export type {
  WebActorPage,
  WebActorProfile,
  WebActorRow,
  WebChoropleth,
  WebCommunities,
  WebCommunitySummary,
  WebMeta,
  WebMetricInfo,
  WebNetwork,
  WebPrefecture,
  WebRoleEvidence,
  WebSummary,
} from '../../../server/src/routes/web-data-types.ts';
