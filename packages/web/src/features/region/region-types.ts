/**
 * The answers of `/api/analyses/{money,region-strategy,people}` as these pages read them (the
 * contract documents them as objects for now; a number may be null: not computable).
 */
export interface WebRate {
  count: number;
  n: number;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  claim: boolean;
  note: string | null;
}

export interface WebMoneySummary {
  total: number;
  flows: number;
  years: {
    fiscalYear: number;
    total: number;
    bySource: Record<string, number>;
    nationalShare: number | null;
  }[];
  bySource: Record<string, number>;
  nationalShare: number | null;
  localShare: number | null;
  dependency: {
    sources: number;
    largest: { key: string; share: number } | null;
    hhi: number | null;
    concentrated: boolean | null;
  };
  sufficient: boolean;
  note: string | null;
}

export interface WebMoneyCirculation {
  received: {
    origin: 'region' | 'national' | 'rest_of_japan' | 'abroad' | 'unknown';
    amount: number;
    flows: number;
    share: number | null;
  }[];
  selfFundedShare: number | null;
  given: { total: number; kept: number; paidOut: number; unknown: number; flows: number };
  retentionShare: number | null;
  destinations: { place: string; amount: number; flows: number }[];
  sufficient: { received: boolean; given: boolean };
  notes: string[];
}

export interface WebMoney {
  scope: { kind: string; id: string; name: string };
  sourceNames: Record<string, string>;
  asOfFy: number;
  region: WebMoneySummary;
  circulation: WebMoneyCirculation;
  projects: {
    projectId: string;
    title: string;
    stage: string;
    nationalEndFy: number | null;
    yearsLeft: number | null;
    annualNeed: number | null;
    moneyAfterEnd: number;
    runwayYears: number | null;
    outlook: string;
    adverseFactors: number;
    reasons: string[];
  }[];
  outlooks: Record<string, number>;
  method: string;
}

export interface WebStrategyTarget {
  metric: string;
  label: string | null;
  value: string;
  year: number;
  unit: string;
  target: number;
  actual: number | null;
  actualYear: number | null;
  expected: number | null;
  status: 'on_track' | 'behind' | 'no_data';
  basis: string;
}

export interface WebRegionStrategy {
  area: { areaType: string; areaCode: string; name: string };
  asOfFy: number;
  strategies: {
    id: string;
    name: string;
    vision: string | null;
    startFy: number | null;
    endFy: number | null;
    pdca: { phase: string; date: string; note: string }[];
    lastCheck: string | null;
    daysSinceCheck: number | null;
    targets: WebStrategyTarget[];
    timelines: {
      metric: string;
      value: string;
      unit: string;
      points: { year: number; actual: number | null; target: number | null }[];
    }[];
    summary: {
      byValue: Record<string, Record<string, number>>;
      valuesWithoutTargets: string[];
    };
  }[];
  method: string;
  note: string | null;
}

export interface WebPeople {
  area: { areaType: string; areaCode: string; name: string };
  programmes: {
    id: string;
    name: string;
    kind: string;
    totals: {
      enrolled: number;
      completed: number;
      stayedLocal: number;
      leftRegion: number;
      unknown: number;
    };
    completionRate: number | null;
    retention: WebRate & { worstCase: number | null; bestCase: number | null };
  }[];
  retention: WebRate & {
    worstCase: number | null;
    bestCase: number | null;
    totals: { enrolled: number; completed: number };
  };
  coordinators: {
    years: {
      fiscalYear: number;
      staff: number | null;
      departures: number | null;
      turnover: number | null;
    }[];
    turnover: WebRate;
    latestStaff: number | null;
  };
  method: string;
  note: string | null;
}
