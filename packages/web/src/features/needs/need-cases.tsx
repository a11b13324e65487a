import { useEffect, useState } from 'react';
import type { ConsultationItem } from '../../api/workflow-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { OpenConsultationButton } from '../workflow/open-consultation-button.tsx';
import { needWorkflowApi } from './need-workflow-api.tsx';

/**
 * The cases opened on the need that the person may see, each linked to its page, and the button
 * that opens another (the server decides who may).
 */
export function NeedCases({ needId }: { needId: string }) {
  const { t, label, language } = useI18n();
  const [cases, setCases] = useState<ConsultationItem[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    needWorkflowApi.consultations(needId).then(
      (answer) => {
        if (!controller.signal.aborted) setCases(answer.items);
      },
      () => {
        if (!controller.signal.aborted) setCases([]);
      },
    );
    return () => controller.abort();
  }, [needId]);
  return (
    <section className="panel need-cases" aria-labelledby="need-cases-heading">
      <h2 id="need-cases-heading">{t('needWork.cases')}</h2>
      {cases !== null && cases.length === 0 && <p>{t('needWork.noCases')}</p>}
      {cases !== null && cases.length > 0 && (
        <ul className="need-case-list">
          {cases.map((c) => (
            <li key={c.id} data-consultation={c.id}>
              <Link href={`/consultations/${encodeURIComponent(c.id)}`}>
                {t('needWork.caseOpened', {
                  date: new Date(c.openedAt).toLocaleDateString(
                    language === 'ja' ? 'ja-JP' : 'en-GB',
                  ),
                })}
              </Link>{' '}
              <span className="case-stage-label" data-stage={c.stage}>
                {label('consultationStage', c.stage)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <OpenConsultationButton needId={needId} />
    </section>
  );
}
