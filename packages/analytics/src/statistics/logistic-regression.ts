/**
 * Binary logistic regression by Newton–Raphson (IRLS), as R's `glm(family = binomial)`, with
 * Firth's penalised likelihood (as R's `logistf`, Wald intervals) when the data are separated.
 *
 * It never returns NaN quietly: too few records, a constant outcome or factor, collinear factors,
 * separation without Firth, or non-convergence throw `DomainError('insufficient_data')` naming the
 * factor.
 */
import { DomainError } from '#core/domain-error.ts';
import { cholesky, choleskyInverse, choleskySolve, type Matrix } from './linear-algebra.ts';
import { normalQuantile, twoSidedNormalP } from './special-functions.ts';

export interface LogisticRegressionInput {
  /** Predictor names, one per column of `x` (the intercept is added). */
  names: readonly string[];
  /** One row of predictor values per record. */
  x: readonly (readonly number[])[];
  /** Outcome per record: 1 = event, 0 = no event. */
  y: readonly number[];
}

export type FirthPolicy =
  /** Firth only when separation is detected (default). */
  | 'auto'
  /** Always Firth (small samples). */
  | 'always'
  /** Never: separation throws. */
  | 'never';

export interface LogisticRegressionOptions {
  /** Default 0.95. */
  confidence?: number;
  /** Default 100. */
  maxIterations?: number;
  /** Convergence on the relative change of the (penalised) deviance; default 1e-10. */
  tolerance?: number;
  firth?: FirthPolicy;
  /** Fewer records throw; default 10 (and always at least factors + 2). */
  minRecords?: number;
}

export interface LogisticCoefficient {
  name: string;
  /** Log odds ratio. */
  coefficient: number;
  /** From the inverse Fisher information. */
  standardError: number;
  /** Wald z = coefficient / standardError. */
  z: number;
  /** Two-sided, normal approximation. */
  pValue: number;
  /** Wald interval of the coefficient. */
  ciLow: number;
  ciHigh: number;
  oddsRatio: number;
  oddsRatioCiLow: number;
  oddsRatioCiHigh: number;
}

export interface LogisticRegressionResult {
  method: 'maximum_likelihood' | 'firth';
  /** One sentence on the method, for reports. */
  methodNote: string;
  records: number;
  events: number;
  confidence: number;
  intercept: LogisticCoefficient;
  /** In the order of `names`. */
  coefficients: LogisticCoefficient[];
  iterations: number;
  /** Unpenalised log-likelihood at the estimate. */
  logLikelihood: number;
  /** −2 log-likelihood. */
  deviance: number;
  /** Deviance of the intercept-only model. */
  nullDeviance: number;
  /** Factors involved in (quasi-)complete separation, empty when none was found. */
  separatedFactors: string[];
  /** Events per variable; below 10 the estimates are unstable. */
  eventsPerVariable: number;
  warnings: string[];
}

interface Fit {
  beta: number[];
  covariance: Matrix;
  iterations: number;
  logLikelihood: number;
  converged: boolean;
  fitted: number[];
}

function insufficient(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('insufficient_data', message, details);
}

function sigmoid(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

/** log(1 + e^eta) without overflow. */
function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

function logLikelihoodOf(design: Matrix, y: readonly number[], beta: readonly number[]): number {
  let sum = 0;
  design.forEach((row, i) => {
    const eta = row.reduce((s, v, j) => s + v * (beta[j] ?? 0), 0);
    sum += (y[i] ?? 0) * eta - softplus(eta);
  });
  return sum;
}

function information(design: Matrix, weights: readonly number[]): Matrix {
  const p = design[0]?.length ?? 0;
  const info: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  design.forEach((row, i) => {
    const w = weights[i] ?? 0;
    for (let j = 0; j < p; j++) {
      const infoRow = info[j];
      if (!infoRow) continue;
      const xj = (row[j] ?? 0) * w;
      for (let k = 0; k <= j; k++) infoRow[k] = (infoRow[k] ?? 0) + xj * (row[k] ?? 0);
    }
  });
  for (let j = 0; j < p; j++) {
    for (let k = j + 1; k < p; k++) {
      const row = info[j];
      if (row) row[k] = info[k]?.[j] ?? 0;
    }
  }
  return info;
}

interface State {
  fitted: number[];
  weights: number[];
  info: Matrix;
  lower: Matrix;
  logDet: number;
  objective: number;
}

function stateAt(
  design: Matrix,
  y: readonly number[],
  beta: readonly number[],
  firth: boolean,
): State | undefined {
  const fitted = design.map((row) => sigmoid(row.reduce((s, v, j) => s + v * (beta[j] ?? 0), 0)));
  const weights = fitted.map((p) => Math.max(p * (1 - p), 1e-300));
  const info = information(design, weights);
  const factor = cholesky(info, 1e-14);
  if (!factor.ok) return undefined;
  const logLik = logLikelihoodOf(design, y, beta);
  return {
    fitted,
    weights,
    info,
    lower: factor.lower,
    logDet: factor.logDeterminant,
    objective: firth ? logLik + 0.5 * factor.logDeterminant : logLik,
  };
}

function newtonFit(
  design: Matrix,
  y: readonly number[],
  firth: boolean,
  maxIterations: number,
  tolerance: number,
): Fit | undefined {
  const p = design[0]?.length ?? 0;
  let beta = new Array<number>(p).fill(0);
  let state = stateAt(design, y, beta, firth);
  if (!state) return undefined;
  let converged = false;
  let iterations = 0;
  for (; iterations < maxIterations && !converged;) {
    iterations += 1;
    const current: State = state;
    const covariance = choleskyInverse(current.lower);
    const score = new Array<number>(p).fill(0);
    design.forEach((row, i) => {
      const pi = current.fitted[i] ?? 0;
      let residual = (y[i] ?? 0) - pi;
      if (firth) {
        // hat diagonal h_i = w_i · x_iᵀ (XᵀWX)⁻¹ x_i
        let quad = 0;
        for (let j = 0; j < p; j++) {
          let inner = 0;
          for (let k = 0; k < p; k++) inner += (covariance[j]?.[k] ?? 0) * (row[k] ?? 0);
          quad += (row[j] ?? 0) * inner;
        }
        const h = (current.weights[i] ?? 0) * quad;
        residual += h * (0.5 - pi);
      }
      for (let j = 0; j < p; j++) score[j] = (score[j] ?? 0) + residual * (row[j] ?? 0);
    });
    const step = choleskySolve(current.lower, score);
    // step-halving keeps the objective from decreasing
    let scale = 1;
    let next: State | undefined;
    let nextBeta = beta;
    for (let halving = 0; halving < 30; halving++) {
      nextBeta = beta.map((b, j) => b + scale * (step[j] ?? 0));
      next = stateAt(design, y, nextBeta, firth);
      if (next && next.objective >= current.objective - 1e-12 * Math.abs(current.objective)) break;
      scale /= 2;
      next = undefined;
    }
    if (!next) break;
    const change = Math.abs(next.objective - current.objective) / (Math.abs(next.objective) + 0.1);
    const maxStep = Math.max(...nextBeta.map((b, j) => Math.abs(b - (beta[j] ?? 0))));
    beta = nextBeta;
    state = next;
    if (change < tolerance && maxStep < 1e-6 * (1 + Math.max(...beta.map(Math.abs)))) {
      converged = true;
    }
  }
  return {
    beta,
    covariance: choleskyInverse(state.lower),
    iterations,
    logLikelihood: logLikelihoodOf(design, y, beta),
    converged,
    fitted: state.fitted,
  };
}

/** Factors that on their own separate the outcome (a zero cell, or no overlap of ranges). */
function singleFactorSeparation(
  names: readonly string[],
  x: readonly (readonly number[])[],
  y: readonly number[],
): string[] {
  const separated: string[] = [];
  names.forEach((name, j) => {
    let min1 = Infinity;
    let max1 = -Infinity;
    let min0 = Infinity;
    let max0 = -Infinity;
    x.forEach((row, i) => {
      const v = row[j] ?? 0;
      if (y[i] === 1) {
        min1 = Math.min(min1, v);
        max1 = Math.max(max1, v);
      } else {
        min0 = Math.min(min0, v);
        max0 = Math.max(max0, v);
      }
    });
    // (quasi-)complete separation along one factor: a threshold puts every event on one side and
    // every non-event on the other (ties allowed); for a 0/1 factor, one of the four cells is empty
    if (max0 <= min1 || max1 <= min0) separated.push(name);
  });
  return separated;
}

function coefficientOf(
  name: string,
  beta: number,
  variance: number,
  z: number,
): LogisticCoefficient {
  const se = Math.sqrt(variance);
  const ciLow = beta - z * se;
  const ciHigh = beta + z * se;
  return {
    name,
    coefficient: beta,
    standardError: se,
    z: beta / se,
    pValue: twoSidedNormalP(beta / se),
    ciLow,
    ciHigh,
    oddsRatio: Math.exp(beta),
    oddsRatioCiLow: Math.exp(ciLow),
    oddsRatioCiHigh: Math.exp(ciHigh),
  };
}

function validate(input: LogisticRegressionInput, minRecords: number): void {
  const { names, x, y } = input;
  if (x.length !== y.length) {
    throw new DomainError(
      'validation_failed',
      `${x.length} predictor rows but ${y.length} outcomes`,
      {
        rows: x.length,
        outcomes: y.length,
      },
    );
  }
  if (new Set(names).size !== names.length) {
    throw new DomainError('validation_failed', 'factor names repeat', { names });
  }
  x.forEach((row, i) => {
    if (row.length !== names.length) {
      throw new DomainError(
        'validation_failed',
        `record ${i} has ${row.length} values for ${names.length} factors`,
        { record: i },
      );
    }
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) {
        throw new DomainError(
          'validation_failed',
          `record ${i}: factor "${names[j]}" is ${String(v)}, not a finite number`,
          { record: i, factor: names[j] },
        );
      }
    });
    const outcome = y[i];
    if (outcome !== 0 && outcome !== 1) {
      throw new DomainError(
        'validation_failed',
        `record ${i}: outcome must be 0 or 1, got ${outcome}`,
        {
          record: i,
        },
      );
    }
  });
  const needed = Math.max(minRecords, names.length + 2);
  if (x.length < needed) {
    throw insufficient(
      `too few records for a logistic regression on ${names.length} factor(s): ${x.length} < ${needed}`,
      { records: x.length, needed, factors: [...names] },
    );
  }
  const events = y.filter((v) => v === 1).length;
  if (events === 0 || events === y.length) {
    throw insufficient(
      `the outcome is the same for all ${y.length} records (${events === 0 ? 'no events' : 'all events'}); nothing to explain`,
      { records: y.length, events },
    );
  }
  names.forEach((name, j) => {
    const first = x[0]?.[j];
    if (x.every((row) => row[j] === first)) {
      throw insufficient(
        `factor "${name}" is constant (${String(first)} for all ${x.length} records); it cannot explain anything — drop it`,
        { factor: name, value: first, records: x.length },
      );
    }
  });
}

/** Fits a logistic regression; see the module comment for what it refuses. */
export function logisticRegression(
  input: LogisticRegressionInput,
  options: LogisticRegressionOptions = {},
): LogisticRegressionResult {
  const confidence = options.confidence ?? 0.95;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  const policy = options.firth ?? 'auto';
  validate(input, options.minRecords ?? 10);
  const { names, x, y } = input;
  const design: Matrix = x.map((row) => [1, ...row]);
  const allNames = ['(intercept)', ...names];

  // collinearity: XᵀX must be positive definite
  const gram = cholesky(
    information(
      design,
      design.map(() => 1),
    ),
    1e-9,
  );
  if (!gram.ok) {
    const factor = allNames[gram.column] ?? '?';
    throw insufficient(
      `factor "${factor}" is a linear combination of the factors before it (collinear); drop one of them`,
      { factor, factors: [...names] },
    );
  }

  const warnings: string[] = [];
  let separatedFactors = singleFactorSeparation(names, x, y);
  let fit: Fit | undefined;
  let method: LogisticRegressionResult['method'] = 'maximum_likelihood';
  if (policy !== 'always' && separatedFactors.length === 0) {
    fit = newtonFit(design, y, false, maxIterations, tolerance);
    const diverged =
      !fit ||
      !fit.converged ||
      fit.beta.some((b) => Math.abs(b) > 30) ||
      fit.fitted.every((p, i) => Math.abs(p - (y[i] ?? 0)) < 1e-6);
    if (diverged) {
      separatedFactors = fit
        ? names.filter((_, j) => {
            const b = fit?.beta[j + 1] ?? 0;
            const se = Math.sqrt(fit?.covariance[j + 1]?.[j + 1] ?? Infinity);
            return Math.abs(b) > 10 || se > 100;
          })
        : [...names];
      if (separatedFactors.length === 0) separatedFactors = [...names];
      fit = undefined;
    }
  }
  if (!fit) {
    if (separatedFactors.length > 0 && policy === 'never') {
      throw insufficient(
        `the outcome is separated by ${separatedFactors.map((f) => `"${f}"`).join(', ')} (a cell with no records): maximum-likelihood estimates do not exist; use Firth's method or more data`,
        { factors: separatedFactors },
      );
    }
    method = 'firth';
    fit = newtonFit(design, y, true, maxIterations, tolerance);
    if (separatedFactors.length > 0) {
      warnings.push(
        `separation by ${separatedFactors.join(', ')}: Firth's penalised likelihood used; estimates are shrunk towards 0`,
      );
    }
  }
  if (!fit || !fit.converged) {
    throw insufficient(
      `the ${method === 'firth' ? 'Firth' : 'Newton–Raphson'} iterations did not converge in ${maxIterations} steps; the data cannot support these factors`,
      { factors: [...names], method },
    );
  }

  const z = normalQuantile(1 - (1 - confidence) / 2);
  const coefficientsAll = fit.beta.map((b, j) =>
    coefficientOf(allNames[j] ?? '?', b, fit?.covariance[j]?.[j] ?? Number.NaN, z),
  );
  for (const c of coefficientsAll) {
    if (!Number.isFinite(c.standardError) || !Number.isFinite(c.pValue)) {
      throw insufficient(`the standard error of "${c.name}" is not finite`, { factor: c.name });
    }
  }
  const events = y.filter((v) => v === 1).length;
  const eventsPerVariable = Math.min(events, y.length - events) / names.length;
  if (eventsPerVariable < 10) {
    warnings.push(
      `only ${eventsPerVariable.toFixed(1)} events per factor (fewer than 10): estimates and p-values are unstable`,
    );
  }
  const nullP = events / y.length;
  const nullDeviance = -2 * (events * Math.log(nullP) + (y.length - events) * Math.log(1 - nullP));
  const [intercept, ...coefficients] = coefficientsAll;
  if (!intercept) throw insufficient('no intercept estimated', {});
  return {
    method,
    methodNote:
      method === 'firth'
        ? "Firth's penalised maximum likelihood (Jeffreys prior), Wald intervals and normal-approximation p-values from the inverse Fisher information"
        : 'maximum likelihood by Newton–Raphson (IRLS), Wald intervals and normal-approximation p-values from the inverse Fisher information',
    records: y.length,
    events,
    confidence,
    intercept,
    coefficients,
    iterations: fit.iterations,
    logLikelihood: fit.logLikelihood,
    deviance: -2 * fit.logLikelihood,
    nullDeviance,
    separatedFactors,
    eventsPerVariable,
    warnings,
  };
}
