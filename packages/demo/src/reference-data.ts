/**
 * Real reference data shipped with the demo (see data/SOURCE.md): the MEXT list of universities and
 * Japanese research organisations from ROR, extracted by scripts/build-demo-reference-data.ts.
 */
import { z } from 'zod';
import { ZLocalGovernmentCode, ZPrefectureCode, ZRorId } from '#core/fields.ts';
import type { Sector } from '#core/vocabulary.ts';
import universityRows from './data/universities.json' with { type: 'json' };
import organisationRows from './data/research-organisations.json' with { type: 'json' };

const ZUniversityRow = z.object({
  code: z.string().regex(/^[A-Z]\d{12}$/),
  name: z.string().min(1),
  nameEn: z.string(),
  type: z.enum(['国立', '公立', '私立']),
  prefectureCode: ZPrefectureCode,
  municipalityCode: ZLocalGovernmentCode,
  faculties: z.number().int().min(0),
  ror: ZRorId.optional(),
});
export type ReferenceUniversity = z.infer<typeof ZUniversityRow>;

const SECTOR_BY_CODE = {
  U: 'university',
  P: 'public_research',
  N: 'national_lab',
  C: 'company',
  G: 'national_government',
  R: 'prefecture',
  S: 'support_org',
  O: 'npo',
  H: 'school',
  X: 'other',
} as const satisfies Record<string, Sector>;

const ZOrganisationRow = z.tuple([
  ZRorId,
  z.string().min(1),
  z.string(),
  z.enum(Object.keys(SECTOR_BY_CODE) as [keyof typeof SECTOR_BY_CODE]),
  ZPrefectureCode,
  ZLocalGovernmentCode,
  z.number().nullable(),
  z.number().nullable(),
  z.number().int().nullable(),
]);

export interface ReferenceOrganisation {
  ror: string;
  name: string;
  nameEn: string;
  sector: Sector;
  prefectureCode: string;
  municipalityCode: string;
  lat?: number;
  lon?: number;
  established?: number;
}

export const REFERENCE_UNIVERSITIES: readonly ReferenceUniversity[] = z
  .array(ZUniversityRow)
  .parse(universityRows);

export const REFERENCE_ORGANISATIONS: readonly ReferenceOrganisation[] = z
  .array(ZOrganisationRow)
  .parse(organisationRows)
  .map(([ror, name, nameEn, code, prefectureCode, municipalityCode, lat, lon, established]) => ({
    ror,
    name,
    nameEn,
    sector: SECTOR_BY_CODE[code],
    prefectureCode,
    municipalityCode,
    ...(lat !== null && lon !== null ? { lat, lon } : {}),
    ...(established !== null ? { established } : {}),
  }));
