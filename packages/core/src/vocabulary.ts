/**
 * Closed vocabularies of the ABC (Actors-Based Community) model. Codes are English snake_case;
 * the Japanese terms are the labels users see.
 */

/** Sector (セクター) of an actor. */
export const SECTORS = [
  'university', // 大学・高専
  'public_research', // 公設試験研究機関（公設試）・地方独立行政法人
  'national_lab', // 国立研究開発法人 (RIKEN, AIST...)
  'company', // 企業
  'financial', // 金融機関 (地方銀行, 信用金庫, VC, CVC)
  'national_government', // 国（省庁）
  'prefecture', // 都道府県
  'municipality', // 市区町村
  'support_org', // 支援機関 (産業振興財団, 商工会議所, TLO, incubators)
  'npo', // NPO
  'school', // 学校（高校など）
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS_JA: Record<Sector, string> = {
  university: '大学・高専',
  public_research: '公設試験研究機関',
  national_lab: '国立研究開発法人',
  company: '企業',
  financial: '金融機関',
  national_government: '国',
  prefecture: '都道府県',
  municipality: '市区町村',
  support_org: '支援機関',
  npo: 'NPO',
  school: '学校',
  other: 'その他',
};

export const SECTOR_LABELS_EN: Record<Sector, string> = {
  university: 'university / college',
  public_research: 'public research institute',
  national_lab: 'national lab',
  company: 'company',
  financial: 'financial institution',
  national_government: 'national government',
  prefecture: 'prefecture',
  municipality: 'municipality',
  support_org: 'support organisation',
  npo: 'NPO',
  school: 'school',
  other: 'other',
};

export const ACTOR_KINDS = ['organization', 'person'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Role flags an actor may carry; several at once. */
export const ACTOR_FLAGS = [
  'sme', // 中小企業
  'large', // 大企業
  'startup', // スタートアップ
  'university_venture', // 大学発ベンチャー
  'regional_core', // 地域中核企業 (METI)
  'anchor', // アンカー企業
  'star_scientist', // スター・サイエンティスト
  'researcher', // 研究者
  'coordinator', // コーディネーター
  'pd_pm', // プログラムディレクター／マネージャー
  'entrepreneur', // 起業家
  'student', // 学生
  'bank', // 地方銀行・信用金庫
  'vc', // VC / CVC
  'tlo', // TLO
  'incubator', // インキュベーター
  'consortium', // 協議会・コンソーシアム (its members by membership: core/consortium.ts)
] as const;
export type ActorFlag = (typeof ACTOR_FLAGS)[number];

/** Relation types. Directed ones read "source → target" (investor → investee, employer → employee...). */
export const RELATION_TYPES = [
  'co_authorship',
  'joint_research',
  'contract_research',
  'license',
  'investment',
  'loan',
  'grant',
  'supply',
  'sales',
  'employment',
  'affiliation',
  'membership',
  'mou',
  'spinout',
  'mentoring',
  'participation',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** Whether a relation type has a direction; undirected ones are stored as given but read both ways. */
export const RELATION_DIRECTED: Record<RelationType, boolean> = {
  co_authorship: false,
  joint_research: false,
  contract_research: true, // client → contractor
  license: true, // licensor → licensee
  investment: true, // investor → investee
  loan: true, // lender → borrower
  grant: true, // funder → recipient
  supply: true, // supplier → customer
  sales: true, // seller → buyer
  employment: true, // employer → employee
  affiliation: true, // member person → organisation
  membership: true, // member → body
  mou: false,
  spinout: true, // parent → spin-out
  mentoring: true, // mentor → mentee
  participation: true, // participant → programme adoption / project body
};

export const SEED_KINDS = ['research_result', 'patent', 'technology', 'facility'] as const;
export type SeedKind = (typeof SEED_KINDS)[number];

/** Who may see a need: everyone, signed-in members, or only its owner and assigned coordinators. */
export const CONFIDENTIALITY_LEVELS = ['public', 'members', 'confidential'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

export const NEED_KINDS = ['company', 'community'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

/** Innovation path: 0→1 venture, 1→100 second founding, 100→∞ only-one. */
export const INNOVATION_PATHS = ['zero_to_one', 'one_to_hundred', 'hundred_to_infinity'] as const;
export type InnovationPath = (typeof INNOVATION_PATHS)[number];

export const APPROACHES = ['seeds_push', 'needs_pull'] as const;
export type Approach = (typeof APPROACHES)[number];

export const PROJECT_STAGES = [
  'planning',
  'research',
  'development',
  'demonstration',
  'commercialisation',
  'completed',
  'stopped',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export const PROJECT_ROLES = [
  'lead',
  'researcher',
  'company',
  'government',
  'finance',
  'coordinator',
  'support',
  'member',
] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** Evaluation grades used by MEXT/JST interim and final evaluations. */
export const GRADES = ['S', 'A', 'B', 'C'] as const;
export type Grade = (typeof GRADES)[number];

/** What became of the activity after the programme ended. */
export const CONTINUATION_STATUSES = [
  'continued_regional',
  'successor',
  'stopped',
  'ongoing',
  'unknown',
] as const;
export type ContinuationStatus = (typeof CONTINUATION_STATUSES)[number];

export const FUNDING_SOURCE_TYPES = [
  'national_programme',
  'prefecture',
  'municipality',
  'company',
  'bank',
  'vc',
  'crowdfunding',
  'equity',
  'gap_fund',
  'consortium',
  'foundation',
  'other',
] as const;
export type FundingSourceType = (typeof FUNDING_SOURCE_TYPES)[number];

/** Currencies accepted for amounts; anything else is rejected rather than guessed. */
export const CURRENCIES = ['JPY', 'USD', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const CASE_OUTCOMES = ['success', 'failure', 'mixed'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const AREA_TYPES = [
  'nation',
  'prefecture',
  'municipality',
  'community',
  'consortium',
] as const;
export type AreaType = (typeof AREA_TYPES)[number];

/** The 17 Sustainable Development Goals, numbered 1..17. */
export const SDG_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17] as const;

/**
 * The seven sectors of the Technopolis Wheel (Gibson et al. 1988): a region moves when their
 * influencers turn together (the analyses in analytics/abc/wheel.ts).
 */
export const WHEEL_SECTORS = [
  'university',
  'large_companies',
  'new_companies',
  'national_government',
  'regional_government',
  'local_government',
  'support_groups',
] as const;
export type WheelSector = (typeof WHEEL_SECTORS)[number];

/** The four roles a project team needs to go from research to commercialisation. */
export const TEAM_ROLES = ['university', 'company', 'government', 'finance'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
