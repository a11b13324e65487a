/**
 * Prefectures' own programmes (県の独自事業, decision 019): each prefecture whose government is an
 * actor of the demo runs one joint research programme of its own, owned by that government, as
 * prefectures fund industry–academia–government R&D beside the national programmes. The two
 * prefectures with a region strategy (静岡県, 福岡県) run theirs on the strategy's theme. No
 * randomness, so the demo's other records stay as they were.
 */
import type { Programme } from '#core/entities/programme.ts';
import { PREFECTURES, type Prefecture } from '#core/geo.ts';

/** The themed programmes, by prefecture code. */
const THEMED: Readonly<
  Record<string, Pick<Programme, 'name' | 'nameEn' | 'type' | 'description' | 'startFy'>>
> = {
  '22': {
    name: '静岡県光・電子技術産業化推進事業',
    nameEn: 'Shizuoka Photonics and Electronics Commercialisation Programme',
    type: 'strategy',
    startFy: 2017,
    description:
      '浜松地域の光・電子技術を核に、大学・公設試・企業の共同研究から製品化までを県が支援する事業。',
  },
  '40': {
    name: '福岡県半導体・水素産業創出支援事業',
    nameEn: 'Fukuoka Semiconductor and Hydrogen Industry Programme',
    type: 'strategy',
    startFy: 2016,
    description: '半導体と水素エネルギーの研究開発と事業化を、県内の産学官の共同で進める事業。',
  },
};

/** The programme's id: `prog-pref-` and the prefecture code. */
export const prefectureProgrammeId = (prefectureCode: string): string =>
  `prog-pref-${prefectureCode}`;

/** The government actor's id the demo gives a prefecture (generate-public-actors.ts). */
export const prefectureGovernmentId = (prefecture: Prefecture): string =>
  `pref-${prefecture.localGovernmentCode}`;

export function generatePrefectureProgrammes(hasActor: (id: string) => boolean): Programme[] {
  const programmes: Programme[] = [];
  for (const prefecture of PREFECTURES) {
    const ownerId = prefectureGovernmentId(prefecture);
    if (!hasActor(ownerId)) continue;
    const themed = THEMED[prefecture.code];
    programmes.push({
      id: prefectureProgrammeId(prefecture.code),
      name: themed?.name ?? `${prefecture.name}産学官共同研究開発推進事業`,
      nameEn:
        themed?.nameEn ?? `${prefecture.nameEn} Industry–Academia–Government Joint R&D Programme`,
      ministry: prefecture.name,
      // Started in the years after the national cluster programmes, spread over 2012–2019.
      startFy: themed?.startFy ?? 2012 + (Number(prefecture.code) % 8),
      type: themed?.type ?? 'matching',
      description:
        themed?.description ??
        `${prefecture.name}が県内の中小企業と大学・公設試の共同研究開発を支援する県の独自事業。`,
      ownerId,
      source: 'demo',
    });
  }
  return programmes;
}
