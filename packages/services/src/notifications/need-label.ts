/**
 * How a message names a need without revealing a confidential one: a public need by its title,
 * any other need as "a confidential need", with the handle of its published digest when there is
 * one (the digest's own text is not copied: it is made from the need's words, and mail leaves the
 * platform). A members-only need is treated like a confidential one for the same reason.
 */
import type { Repositories } from '#core/ports.ts';

export interface NeedLabel {
  ja: string;
  en: string;
}

export const NEUTRAL_NEED_LABEL: NeedLabel = {
  ja: '非公開のニーズ',
  en: 'a confidential need',
};

export async function needLabel(repos: Repositories, needId: string): Promise<NeedLabel> {
  const stored = await repos.entity('needs').get(needId);
  const record = stored?.record;
  if (record !== undefined && record['confidentiality'] === 'public') {
    const title = record['title'];
    if (typeof title === 'string' && title !== '') return { ja: `「${title}」`, en: `"${title}"` };
  }
  const digest = await repos.disclosures.getDigest(needId);
  if (digest !== undefined && digest.withdrawnAt === undefined) {
    return {
      ja: `${NEUTRAL_NEED_LABEL.ja}（概要 ${digest.digestId}）`,
      en: `${NEUTRAL_NEED_LABEL.en} (digest ${digest.digestId})`,
    };
  }
  return NEUTRAL_NEED_LABEL;
}
