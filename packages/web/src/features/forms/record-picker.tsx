/**
 * Choosing an organisation or person, a project or a programme by its name instead of typing its
 * id: a combobox (WAI-ARIA 1.2 pattern) that searches the entity's list (`GET /api/actors?q=`,
 * `/api/projects?q=`, `/api/programmes?q=`) as one types, moved through with the arrow keys,
 * chosen with Enter or a click, closed with Escape. The form keeps the chosen record's id; text
 * typed without choosing is taken as an id (the server names an id that does not exist).
 * `RecordListPicker` keeps several (a case's actors, projects, programmes): each chosen one is
 * listed by name with its own remove button.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { api } from '../../api/api-client.ts';
import './actor-picker.css';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

/** The entities a picker chooses from. */
export type PickerSource = 'actors' | 'projects' | 'programmes';

interface Choice {
  id: string;
  name: string;
}

const NAME_FIELD: Record<PickerSource, 'name' | 'title'> = {
  actors: 'name',
  projects: 'title',
  programmes: 'name',
};

const TEXTS: Record<PickerSource, { placeholder: MessageKey; none: MessageKey }> = {
  actors: { placeholder: 'forms2.picker.placeholder', none: 'forms2.picker.none' },
  projects: {
    placeholder: 'recordsDelete.picker.projects',
    none: 'recordsDelete.picker.noneProjects',
  },
  programmes: {
    placeholder: 'recordsDelete.picker.programmes',
    none: 'recordsDelete.picker.noneProgrammes',
  },
};

function choiceOf(source: PickerSource, item: Record<string, unknown>): Choice | null {
  const id = item['id'];
  const name = item[NAME_FIELD[source]];
  return typeof id === 'string' ? { id, name: typeof name === 'string' ? name : id } : null;
}

/** One record of a picker's entity by its id (404 for one the reader may not see). */
export async function readOne(
  source: PickerSource,
  id: string,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const request = { params: { id } };
  switch (source) {
    case 'actors':
      return api.get('/api/actors/{id}', request, signal);
    case 'projects':
      return api.get('/api/projects/{id}', request, signal);
    case 'programmes':
      return api.get('/api/programmes/{id}', request, signal);
  }
}

async function search(
  source: PickerSource,
  q: string,
  signal: AbortSignal,
): Promise<Record<string, unknown>[]> {
  const query = { q, limit: 8, fields: `id,${NAME_FIELD[source]}` };
  switch (source) {
    case 'actors':
      return (await api.get('/api/actors', { query }, signal)).items;
    case 'projects':
      return (await api.get('/api/projects', { query }, signal)).items;
    case 'programmes':
      return (await api.get('/api/programmes', { query }, signal)).items;
  }
}

/**
 * The name of the record an id names (for a value set before the picker opened), and whether it
 * is still being read (the box then shows the id, and its name replaces it).
 */
function useRecordName(
  source: PickerSource,
  id: string,
): { name: string | null; reading: boolean } {
  const [read, setRead] = useState<{ id: string; name: string | null } | null>(null);
  useEffect(() => {
    if (id === '') return;
    const controller = new AbortController();
    readOne(source, id, controller.signal)
      .then((record) => setRead({ id, name: choiceOf(source, record)?.name ?? null }))
      .catch(() => {
        if (!controller.signal.aborted) setRead({ id, name: null });
      });
    return () => controller.abort();
  }, [source, id]);
  if (id === '') return { name: null, reading: false };
  return read?.id === id ? { name: read.name, reading: false } : { name: null, reading: true };
}

/** A failed search is tried once more on its own after this long (a brief outage, a busy server). */
const RETRY_AFTER_MS = 1000;

/**
 * The search behind a combobox: choices for the typed text, the active one, open or not. A search
 * that fails is tried once more; failing again, it is said so (`failed`) with a way to try again,
 * never shown as "nothing matches".
 */
function useSearch(source: PickerSource, text: string | null) {
  const [choices, setChoices] = useState<Choice[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const query = text?.trim() ?? '';
    setFailed(null);
    if (query === '') {
      setChoices([]);
      return;
    }
    const round = ++latest.current;
    const controller = new AbortController();
    setSearching(true);
    let timer = setTimeout(() => void run(true), 200);
    async function run(mayRetry: boolean): Promise<void> {
      try {
        const items = await search(source, query, controller.signal);
        if (round !== latest.current) return;
        setChoices(items.flatMap((item) => choiceOf(source, item) ?? []));
        setActive(-1);
        setOpen(true);
        setSearching(false);
      } catch (error) {
        if (controller.signal.aborted || round !== latest.current) return;
        if (mayRetry) {
          timer = setTimeout(() => void run(false), RETRY_AFTER_MS);
          return;
        }
        setChoices([]);
        setOpen(false);
        setFailed(error instanceof Error ? error.message : String(error));
        setSearching(false);
      }
    }
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [source, text, attempt]);
  const retry = () => setAttempt((n) => n + 1);
  return { choices, open, setOpen, active, setActive, searching, failed, retry };
}

/** The text box and its list of choices, shared by the single and the list picker. */
function Combobox({
  id,
  name,
  source,
  value,
  shown,
  text,
  invalid,
  describedBy,
  dataId,
  busy = false,
  onType,
  onChoose,
  onEnterTyped,
}: {
  id: string;
  name: string;
  source: PickerSource;
  value: string;
  shown: string;
  text: string | null;
  invalid: boolean;
  describedBy: string | undefined;
  dataId: string;
  /** The chosen record's name is being read (the box shows its id meanwhile). */
  busy?: boolean;
  onType(text: string): void;
  onChoose(choice: Choice): void;
  /** Enter pressed with no choice active (the list picker adds a typed id). */
  onEnterTyped?(): boolean;
}) {
  const { t } = useI18n();
  const listId = useId();
  const { choices, open, setOpen, active, setActive, searching, failed, retry } = useSearch(
    source,
    text,
  );
  const choose = (choice: Choice) => {
    onChoose(choice);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, choices.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      const choice = choices[active];
      if (choice) choose(choice);
    } else if (event.key === 'Enter' && onEnterTyped) {
      if (onEnterTyped()) {
        event.preventDefault();
        setOpen(false);
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };
  const expanded = open && text !== null && text.trim() !== '';
  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <>
      <input
        id={id}
        name={name}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-busy={busy || undefined}
        aria-describedby={describedBy}
        data-record-id={dataId}
        {...(source === 'actors' ? { 'data-actor-id': value } : {})}
        value={shown}
        placeholder={t(TEXTS[source].placeholder)}
        onChange={(event) => onType(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId} role="listbox" className="actor-picker-list" hidden={!expanded}>
        {choices.length === 0 ? (
          <li role="presentation" className="hint">
            {searching ? t('forms2.picker.searching') : t(TEXTS[source].none)}
          </li>
        ) : (
          choices.map((choice, index) => (
            <li
              key={choice.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(choice);
              }}
            >
              {choice.name} <span className="hint">{choice.id}</span>
            </li>
          ))
        )}
      </ul>
      {failed !== null && text !== null && text.trim() !== '' ? (
        <p role="alert" className="picker-failed">
          {t('forms2.picker.failed', { reason: failed })}{' '}
          <button type="button" className="button secondary small" onClick={retry}>
            {t('forms2.picker.retry')}
          </button>
        </p>
      ) : null}
    </>
  );
}

interface PickerProps {
  id: string;
  name: string;
  source: PickerSource;
  value: string;
  invalid: boolean;
  describedBy: string | undefined;
  onChange(value: string): void;
}

/** One record's id, chosen by name. */
export function RecordPicker({
  id,
  name,
  source,
  value,
  invalid,
  describedBy,
  onChange,
}: PickerProps) {
  const { t } = useI18n();
  const [text, setText] = useState<string | null>(null);
  // The name of the record just chosen, shown at once (no flash of its id while the name is read).
  const [picked, setPicked] = useState<Choice | null>(null);
  const known = picked !== null && picked.id === value;
  const { name: chosenName, reading } = useRecordName(source, text === null && !known ? value : '');
  const shown = text ?? (value === '' ? '' : known ? picked.name : (chosenName ?? value));
  return (
    <div className="actor-picker">
      <Combobox
        id={id}
        name={name}
        source={source}
        value={value}
        shown={shown}
        text={text}
        invalid={invalid}
        describedBy={describedBy}
        dataId={value}
        busy={reading}
        onType={(typed) => {
          setText(typed);
          onChange(typed.trim());
        }}
        onChoose={(choice) => {
          setPicked(choice);
          onChange(choice.id);
          setText(null);
        }}
      />
      {value !== '' && text === null ? (
        <span className="hint" aria-live="polite">
          {t('forms2.picker.chosen', { id: value })}
        </span>
      ) : null}
    </div>
  );
}

const SEPARATOR = /[,;、，；\n]/;

/** The ids of a list field's text ("a, b" as the form keeps lists). */
export function idsOf(value: string): string[] {
  return value
    .split(SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** One chosen record of a list picker: its name (read once) and a button that removes it. */
function ChosenItem({
  source,
  id,
  known,
  onRemove,
}: {
  source: PickerSource;
  id: string;
  known: string | undefined;
  onRemove(): void;
}) {
  const { t } = useI18n();
  const read = useRecordName(source, known === undefined ? id : '').name;
  const label = known ?? read ?? id;
  return (
    <li data-record-id={id}>
      <span>{label}</span> {label !== id ? <span className="hint">{id}</span> : null}{' '}
      <button
        type="button"
        className="button secondary small"
        aria-label={t('recordsDelete.picker.remove', { name: label })}
        onClick={onRemove}
      >
        ×
      </button>
    </li>
  );
}

/**
 * Several records' ids, each chosen by name: the chosen ones are listed with a remove button; the
 * text box adds the one chosen from its list (or a typed id, with Enter). The value stays the
 * list field's text ("a, b"), so drafts and validation treat it as any list.
 */
export function RecordListPicker({
  id,
  name,
  source,
  value,
  invalid,
  describedBy,
  onChange,
}: PickerProps) {
  const { t } = useI18n();
  const [text, setText] = useState<string | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const ids = idsOf(value);
  const listLabelId = useId();
  const add = (added: string) => {
    if (!ids.includes(added)) onChange([...ids, added].join(', '));
    setText(null);
  };
  return (
    <div className="actor-picker record-list-picker">
      {ids.length > 0 ? (
        <>
          <span id={listLabelId} className="hint">
            {t('recordsDelete.picker.chosenList')}
          </span>
          <ul className="chosen-records" aria-labelledby={listLabelId}>
            {ids.map((chosen) => (
              <ChosenItem
                key={chosen}
                source={source}
                id={chosen}
                known={names[chosen]}
                onRemove={() => onChange(ids.filter((other) => other !== chosen).join(', '))}
              />
            ))}
          </ul>
        </>
      ) : null}
      <Combobox
        id={id}
        name={name}
        source={source}
        value={value}
        shown={text ?? ''}
        text={text}
        invalid={invalid}
        describedBy={describedBy}
        dataId={ids.join(',')}
        onType={setText}
        onChoose={(choice) => {
          setNames((known) => ({ ...known, [choice.id]: choice.name }));
          add(choice.id);
        }}
        onEnterTyped={() => {
          const typed = text?.trim() ?? '';
          if (typed === '') return false;
          add(typed);
          return true;
        }}
      />
    </div>
  );
}
