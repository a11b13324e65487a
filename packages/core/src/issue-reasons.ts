/**
 * A zod issue of an entity schema as an import reason's code and values. The schemas' own rules
 * (fields.ts, entities/*.ts) are known by their messages; zod's generic checks by the issue's kind.
 */
import type { z } from 'zod';
import type { CodedReason, RejectCode } from './import-reasons.ts';

/** The schemas' own messages; values come from the message's groups, named in order. */
const BY_MESSAGE: [RegExp, RejectCode, ...string[]][] = [
  [/^not a date YYYY-MM-DD/, 'not_date'],
  [/^not a prefecture code/, 'not_prefecture'],
  [/^not a 6-digit local government code/, 'not_municipality_code'],
  [/^not a 13-digit corporate number/, 'not_corporate_number'],
  [/^not an ORCID iD/, 'not_orcid'],
  [/^not a ROR id/, 'not_ror'],
  [/^KAKEN researcher number is 8 digits/, 'not_kaken_id'],
  [/^OpenAlex id is/, 'not_openalex_id'],
  [/^country code is two capital letters/, 'not_country_code'],
  [/^no spaces, commas, semicolons/, 'id_characters'],
  [/^end .* is before start|^end is before start|^last active FY is before/, 'ends_before_start'],
  [/^(latitude|longitude) outside Japan/, 'outside_japan'],
  [
    /^municipality (\S+) is not in prefecture (\S+)/,
    'municipality_outside_prefecture',
    'municipality',
    'prefecture',
  ],
  [/^prefecture_code is required for an actor in Japan/, 'prefecture_required_in_japan'],
  [/^an actor in (\S+) has no Japanese prefecture/, 'abroad_without_prefecture', 'country'],
  [/^coordinates are kept for actors in Japan only/, 'coordinates_in_japan_only'],
  [/^lat and lon go together/, 'lat_lon_together'],
  [/^a funding flow goes to a recipient/, 'funding_without_recipient'],
  [/^completed (\d+) exceeds enrolled (\d+)/, 'completed_over_enrolled', 'completed', 'enrolled'],
  [
    /^destinations \((\d+)\) exceed those who completed \((\d+)\)/,
    'destinations_over_completed',
    'placed',
    'completed',
  ],
  [/^milestone (.+) repeated$/, 'milestone_repeated', 'id'],
  [/needs a unit|unit is required|^must not be empty/, 'required'],
  [/^metric is snake_case/, 'metric_snake_case'],
  [/^not a community id/, 'not_community_id'],
  [/^SDGs are numbered/, 'sdgs_range'],
  [/^SDGs repeated/, 'sdgs_repeated'],
  [/^TRL is 1\.\.9/, 'trl_range'],
  [/^scored 1\.\.5/, 'score_range'],
  [/whole (year|number)/, 'not_whole_number'],
  [/^must not be negative/, 'not_negative'],
  [/^must be between 0 and 1/, 'share_range'],
];

function byMessage(message: string): CodedReason<RejectCode> | undefined {
  for (const [pattern, code, ...names] of BY_MESSAGE) {
    const match = pattern.exec(message);
    if (!match) continue;
    const values: Record<string, string> = {};
    names.forEach((name, index) => (values[name] = match[index + 1] ?? ''));
    return { code, values };
  }
  return undefined;
}

const TYPE_CODES: Partial<Record<string, RejectCode>> = {
  number: 'not_number',
  int: 'not_whole_number',
  boolean: 'not_true_false',
};

/** The reason of one issue; `missing` when the field was not given at all. */
export function reasonOfIssue(issue: z.core.$ZodIssue, missing: boolean): CodedReason<RejectCode> {
  if (missing) return { code: 'required', values: {} };
  const known = byMessage(issue.message);
  if (known) return known;
  switch (issue.code) {
    case 'invalid_type':
      return { code: TYPE_CODES[issue.expected] ?? 'wrong_type', values: {} };
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? { code: 'required', values: {} }
          : { code: 'too_short', values: { min } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'too_few', values: { min } };
      return { code: 'too_small', values: { min } };
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', values: { max } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'too_many', values: { max } };
      return { code: 'too_large', values: { max } };
    }
    case 'invalid_value':
      return { code: 'choose_one', values: { options: issue.values.map(String).join(', ') } };
    case 'invalid_format':
      return { code: issue.format === 'url' ? 'not_url' : 'bad_format', values: {} };
    case 'unrecognized_keys':
      return { code: 'unknown_fields', values: { keys: issue.keys.join(', ') } };
    default:
      return { code: 'not_valid', values: {} };
  }
}
