/**
 * The actors, projects and programmes a record refers to, shown by name with a link each (see
 * record-names.ts); each record is read once, and one that cannot be read keeps its id.
 */
import { Fragment, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router.tsx';
import { namedReferences } from './record-names.ts';
import { readOne, type PickerSource } from './record-picker.tsx';

/** The records the ids name, as they are read: `null` for one that could not be read. */
function useReadRecords(
  source: PickerSource,
  ids: readonly string[],
): ReadonlyMap<string, Record<string, unknown> | null> {
  const [read, setRead] = useState<ReadonlyMap<string, Record<string, unknown> | null>>(
    () => new Map(),
  );
  const wanted = ids.join('\n');
  useEffect(() => {
    const controller = new AbortController();
    const unique = [...new Set(wanted.split('\n'))].filter((id) => id !== '');
    void Promise.all(
      unique.map((id) =>
        readOne(source, id, controller.signal)
          .then((record): [string, Record<string, unknown> | null] => [id, record])
          .catch((): [string, Record<string, unknown> | null] => [id, null]),
      ),
    ).then((entries) => {
      if (!controller.signal.aborted) setRead(new Map(entries));
    });
    return () => controller.abort();
  }, [source, wanted]);
  return read;
}

export function ReferenceNames({ source, ids }: { source: PickerSource; ids: readonly string[] }) {
  const { language } = useI18n();
  const read = useReadRecords(source, ids);
  const separator = language === 'ja' ? '、' : ', ';
  return (
    <>
      {namedReferences(source, ids, read, language).map((reference, index) => (
        <Fragment key={`${reference.id}-${index}`}>
          {index > 0 ? separator : null}
          {reference.href === null ? (
            <span data-id={reference.id}>{reference.text}</span>
          ) : (
            <Link href={reference.href}>{reference.text}</Link>
          )}
        </Fragment>
      ))}
    </>
  );
}
