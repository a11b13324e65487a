import { z } from 'zod';
import {
  EVEN_WITH_FIELD_ERRORS,
  ZCorporateNumber,
  ZCount,
  ZExternalId,
  ZLocalGovernmentCode,
  ZOrcid,
  ZPrefectureCode,
  ZProvenance,
  ZRorId,
  ZShare,
  ZTextList,
  ZYear,
  ZAmount,
  ZIsoDate,
} from '../fields.ts';
import { ACTOR_FLAGS, ACTOR_KINDS, SECTORS } from '../vocabulary.ts';

/** Where one field of a record came from: a source (connector) and the date the source gave it. */
export const ZFieldSource = z.object({
  source: z.string().min(1).max(100),
  on: ZIsoDate,
});
export type FieldSource = z.infer<typeof ZFieldSource>;

/** An actor (主体) of the ecosystem: an organisation or a person. */
export const ZActor = z
  .object({
    id: ZExternalId,
    kind: z.enum(ACTOR_KINDS),
    sector: z.enum(SECTORS),
    name: z.string().trim().min(1, 'must not be empty').max(300),
    nameEn: z.string().max(300).optional(),
    nameKana: z.string().max(300).optional(),
    /** Required for actors in Japan; a foreign actor (countryCode other than JP) has none. */
    prefectureCode: ZPrefectureCode.optional(),
    municipalityCode: ZLocalGovernmentCode.optional(),
    lat: z.number().min(20, 'latitude outside Japan').max(46, 'latitude outside Japan').optional(),
    lon: z
      .number()
      .min(122, 'longitude outside Japan')
      .max(154, 'longitude outside Japan')
      .optional(),
    corporateNumber: ZCorporateNumber.optional(),
    ror: ZRorId.optional(),
    orcid: ZOrcid.optional(),
    researchmapId: z.string().max(100).optional(),
    kakenId: z
      .string()
      .regex(/^\d{8}$/, 'KAKEN researcher number is 8 digits')
      .optional(),
    url: z.url().optional(),
    flags: z.array(z.enum(ACTOR_FLAGS)).default([]),
    /** Research or industry field, e.g. 材料, 食品, 医療機器. */
    field: z.string().max(200).optional(),
    keywords: ZTextList.default([]),
    employees: ZCount.optional(),
    /** Annual revenue in JPY. */
    revenue: ZAmount.optional(),
    foundedYear: ZYear.optional(),
    papers: ZCount.optional(),
    citations: ZCount.optional(),
    patents: ZCount.optional(),
    /**
     * A researcher's first year of research (first paper, first research post or doctorate,
     * whichever is earliest): papers and citations are compared per career year.
     */
    careerStartYear: ZYear.optional(),
    /** METI core-company input: share of purchases made inside the region (域内仕入). */
    inRegionProcurementShare: ZShare.optional(),
    /** METI core-company input: share of sales made outside the region (域外販売). */
    outOfRegionSalesShare: ZShare.optional(),
    /** Growth of revenue or employees over the last years, as a rate (0.1 = +10%/year). */
    growthRate: z.number().min(-1).max(10).optional(),
    /** OpenAlex id (I… for institutions, A… for authors). */
    openalexId: z
      .string()
      .regex(/^[AI]\d+$/, 'OpenAlex id is A… or I… followed by digits')
      .optional(),
    /** Capital stock (資本金) in JPY. */
    capital: ZAmount.optional(),
    /** ISO 3166-1 alpha-2 country code; absent means Japan. */
    countryCode: z
      .string()
      .regex(/^[A-Z]{2}$/, 'country code is two capital letters (ISO 3166-1), e.g. JP, US')
      .optional(),
    /** Date the corporation's register was closed (閉鎖), from 法人番号. */
    closedOn: ZIsoDate.optional(),
    /** 承継先法人番号: the corporation that took this one over. */
    successorCorporateNumber: ZCorporateNumber.optional(),
    /** Names the actor was known by before or elsewhere (法人番号 history, ROR aliases). */
    formerNames: ZTextList.optional(),
    /** Per field, which source set it and when (connectors); fields absent here were set by a person. */
    fieldSources: z.record(z.string(), ZFieldSource).optional(),
  })
  .extend(ZProvenance.shape)
  .superRefine((actor, ctx) => {
    if (
      typeof actor.municipalityCode === 'string' &&
      typeof actor.prefectureCode === 'string' &&
      !actor.municipalityCode.startsWith(actor.prefectureCode)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['municipalityCode'],
        message: `municipality ${actor.municipalityCode} is not in prefecture ${actor.prefectureCode}`,
      });
    }
    const abroad = actor.countryCode !== undefined && actor.countryCode !== 'JP';
    if (!abroad && actor.prefectureCode === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['prefectureCode'],
        message:
          'prefecture_code is required for an actor in Japan (01..47); for a foreign actor give country_code instead ／ 国内の主体には都道府県コード（01〜47）が必要です。海外の主体は country_code（国コード）を指定してください',
      });
    }
    if (abroad && (actor.prefectureCode !== undefined || actor.municipalityCode !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['prefectureCode'],
        message: `an actor in ${actor.countryCode} has no Japanese prefecture or municipality: leave them empty ／ 海外（${actor.countryCode}）の主体に都道府県・市区町村は指定できません`,
      });
    }
    if (abroad && actor.lat !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['lat'],
        message: 'coordinates are kept for actors in Japan only ／ 緯度経度は国内の主体のみ',
      });
    }
    if ((actor.lat === undefined) !== (actor.lon === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['lat'], message: 'lat and lon go together' });
    }
  }, EVEN_WITH_FIELD_ERRORS);
export type Actor = z.infer<typeof ZActor>;

/** An actor in Japan, placed in a prefecture (every actor of the generated demo is one). */
export type ActorInJapan = Actor & { prefectureCode: string };
