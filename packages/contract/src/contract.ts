/**
 * Every route in the contract, by name (the entities' generic routes are in `ENTITY_ROUTES`).
 * Routes not listed here are still registered the old way
 * (their own zod and hand-written OpenAPI pieces); the document merges both.
 */
import * as accounts from './routes/accounts.ts';
import * as analyses from './routes/analyses.ts';
import * as consultations from './routes/consultations.ts';
import { ENTITY_ROUTES, rekeyRelation, type EntityRoute } from './routes/entities.ts';
import * as imports from './routes/imports.ts';
import * as matching from './routes/matching.ts';
import * as notifications from './routes/notifications.ts';
import * as profile from './routes/profile-confirmation.ts';
import * as reports from './routes/reports.ts';
import * as reviews from './routes/reviews.ts';
import * as roles from './routes/roles.ts';
import * as strengthsMap from './routes/strengths-map.ts';
import * as system from './routes/system.ts';
import * as programmes from './routes/programmes.ts';
import * as regionAnalyses from './routes/region-analyses.ts';
import * as webData from './routes/web-data.ts';
import type { RouteContract } from './route.ts';

export const contract = {
  webMeta: webData.webMeta,
  webCommunities: webData.webCommunities,
  webSummary: webData.webSummary,
  webChoropleth: webData.webChoropleth,
  webMunicipalityChoropleth: webData.webMunicipalityChoropleth,
  webNetwork: webData.webNetwork,
  webActors: webData.webActors,
  webActorProfile: webData.webActorProfile,
  gapFill: programmes.gapFill,
  continuation: programmes.continuation,
  portfolio: programmes.portfolio,
  projectHealth: programmes.projectHealth,
  supportFit: programmes.supportFit,
  caseSearch: programmes.caseSearch,
  caseFactors: programmes.caseFactors,
  matchText: matching.matchText,
  matchNeed: matching.matchNeed,
  matchSeed: matching.matchSeed,
  matchFeedback: matching.matchFeedback,
  money: regionAnalyses.money,
  regionStrategy: regionAnalyses.regionStrategy,
  people: regionAnalyses.people,
  health: system.health,
  openApiDocument: system.openApiDocument,
  docsPage: system.docsPage,
  stats: system.stats,
  signIn: accounts.signIn,
  signOut: accounts.signOut,
  me: accounts.me,
  listTokens: accounts.listTokens,
  createToken: accounts.createToken,
  revokeToken: accounts.revokeToken,
  listAccounts: accounts.listAccounts,
  createAccount: accounts.createAccount,
  getAccount: accounts.getAccount,
  updateAccount: accounts.updateAccount,
  listNeedAssignments: accounts.listNeedAssignments,
  assignNeed: accounts.assignNeed,
  unassignNeed: accounts.unassignNeed,
  needCoordinatorCandidates: accounts.needCoordinatorCandidates,
  auditLog: accounts.auditLog,
  listNotifications: notifications.listNotifications,
  unreadCount: notifications.unreadCount,
  readNotification: notifications.readNotification,
  readAllNotifications: notifications.readAllNotifications,
  notificationPreferences: notifications.notificationPreferences,
  updateNotificationPreferences: notifications.updateNotificationPreferences,
  seedProposals: notifications.seedProposals,
  nextStages: notifications.nextStages,
  coordinatorCandidates: notifications.coordinatorCandidates,
  profileConfirmation: profile.profileConfirmation,
  confirmProfile: profile.confirmProfile,
  regionReport: reports.regionReport,
  brokers: analyses.brokers,
  strengths: analyses.strengths,
  strengthsMap: strengthsMap.strengthsMap,
  roles: roles.roles,
  sdgs: analyses.sdgs,
  analysisProgress: analyses.analysisProgress,
  listConsultations: consultations.listConsultations,
  openConsultation: consultations.openConsultation,
  consultationBoard: consultations.consultationBoard,
  getConsultation: consultations.getConsultation,
  consultationHistory: consultations.consultationHistory,
  consultationStatus: consultations.consultationStatus,
  moveConsultation: consultations.moveConsultation,
  addConsultationNote: consultations.addConsultationNote,
  assignConsultation: consultations.assignConsultation,
  unassignConsultation: consultations.unassignConsultation,
  proposeCandidates: consultations.proposeCandidates,
  judgeCandidate: consultations.judgeCandidate,
  consultationTriage: consultations.consultationTriage,
  publishDigest: consultations.publishDigest,
  withdrawDigest: consultations.withdrawDigest,
  disclosureHistory: consultations.disclosureHistory,
  disclosedNeed: consultations.disclosedNeed,
  listDigests: consultations.listDigests,
  expressInterest: consultations.expressInterest,
  decideDisclosure: consultations.decideDisclosure,
  withdrawDisclosure: consultations.withdrawDisclosure,
  uploadImport: imports.uploadImport,
  getUpload: imports.getUpload,
  confirmUpload: imports.confirmUpload,
  recheckUpload: imports.recheckUpload,
  cancelUpload: imports.cancelUpload,
  uploadConnectorFile: imports.uploadConnectorFile,
  getConnectorUpload: imports.getConnectorUpload,
  listReviews: reviews.listReviews,
  decideReview: reviews.decideReview,
  rekeyRelation,
} as const satisfies Record<string, RouteContract>;

export type Contract = typeof contract;
/** Every route: the named ones and the six of each entity (`ENTITY_ROUTES`). */
export type ContractRoute = Contract[keyof Contract] | EntityRoute;

/** The routes as a list (the OpenAPI generator's input). */
export const contractRoutes: readonly RouteContract[] = [
  ...Object.values(contract),
  ...Object.values(ENTITY_ROUTES).flatMap((routes) => Object.values(routes)),
];
