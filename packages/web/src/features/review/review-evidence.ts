/**
 * Why the resolver took a record for an existing actor (its evidence code and values, from the
 * services) as a message key with values in words: a place as its prefecture's name or the country
 * abroad, actor ids listed in the reader's language.
 */
import type { ReviewEvidence } from '#contract/routes/reviews.ts';
import type ja from '../../i18n/ja.json';

/** A message key (as in i18n.tsx; imported from the catalogue so this stays a plain .ts module). */
type MessageKey = keyof typeof ja;

export interface EvidenceNames {
  prefecture(code: string): string;
  /** A place abroad (`abroad:CC`) by its country code. */
  abroad(countryCode: string): string;
  list(items: readonly string[]): string;
}

export interface EvidenceMessage {
  key: MessageKey;
  values: Record<string, string>;
}

function text(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

function placeName(place: string, names: EvidenceNames): string {
  return place.startsWith('abroad:')
    ? names.abroad(place.slice('abroad:'.length))
    : names.prefecture(place);
}

export function evidenceMessage(evidence: ReviewEvidence, names: EvidenceNames): EvidenceMessage {
  const { code, values } = evidence;
  const place = placeName(text(values['place']), names);
  switch (code) {
    case 'same_name_place':
    case 'same_name_place_people':
    case 'same_name_place_several':
      return { key: `connectorDetect.evidence.${code}`, values: { place } };
    case 'same_name_place_unknown':
      return { key: 'connectorDetect.evidence.same_name_place_unknown', values: {} };
    case 'similar_name_same_place':
      return {
        key: 'connectorDetect.evidence.similar_name_same_place',
        values: { place, name: text(values['name']) },
      };
    case 'identifiers_conflict': {
      const ids = values['actorIds'];
      return {
        key: 'connectorDetect.evidence.identifiers_conflict',
        values: { actorIds: names.list(Array.isArray(ids) ? ids : [text(ids)]) },
      };
    }
    case 'other':
      return { key: 'connectorDetect.evidence.other', values: { text: text(values['text']) } };
  }
}
