/**
 * Choosing an organisation or person by name instead of typing its id: a combobox (WAI-ARIA 1.2
 * pattern) that searches `GET /api/actors?q=` as one types, moved through with the arrow keys,
 * chosen with Enter or a click, closed with Escape. The form keeps the chosen actor's id; text
 * typed without choosing is taken as an id (the server names an id that does not exist).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { api } from '../../api/api-client.ts';
import './actor-picker.css';
import { useI18n } from '../../i18n/i18n.tsx';

interface Choice {
  id: string;
  name: string;
}

function choiceOf(item: Record<string, unknown>): Choice | null {
  const id = item['id'];
  const name = item['name'];
  return typeof id === 'string' ? { id, name: typeof name === 'string' ? name : id } : null;
}

/** The name of the actor an id names (for a value set before the picker opened). */
function useActorName(id: string): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (id === '') return setName(null);
    const controller = new AbortController();
    api
      .get('/api/actors/{id}', { params: { id } }, controller.signal)
      .then((record) => setName(choiceOf(record)?.name ?? null))
      .catch(() => setName(null));
    return () => controller.abort();
  }, [id]);
  return name;
}

export function ActorPicker({
  id,
  name,
  value,
  invalid,
  describedBy,
  onChange,
}: {
  id: string;
  name: string;
  value: string;
  invalid: boolean;
  describedBy: string | undefined;
  onChange(id: string): void;
}) {
  const { t } = useI18n();
  const listId = useId();
  const [text, setText] = useState<string | null>(null);
  // The name of the actor just chosen, shown at once (no flash of its id while the name is read).
  const [picked, setPicked] = useState<Choice | null>(null);
  const known = picked !== null && picked.id === value;
  const chosenName = useActorName(text === null && !known ? value : '');
  const [choices, setChoices] = useState<Choice[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(false);
  const latest = useRef(0);

  const shown = text ?? (value === '' ? '' : known ? picked.name : (chosenName ?? value));
  useEffect(() => {
    const query = text?.trim() ?? '';
    if (query === '') {
      setChoices([]);
      return;
    }
    const round = ++latest.current;
    const controller = new AbortController();
    setSearching(true);
    const timer = setTimeout(() => {
      api
        .get('/api/actors', { query: { q: query, limit: 8, fields: 'id,name' } }, controller.signal)
        .then((page) => {
          if (round !== latest.current) return;
          setChoices(page.items.flatMap((item) => choiceOf(item) ?? []));
          setActive(-1);
          setOpen(true);
        })
        .catch(() => undefined)
        .finally(() => {
          if (round === latest.current) setSearching(false);
        });
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const choose = (choice: Choice) => {
    setPicked(choice);
    onChange(choice.id);
    setText(null);
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
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };
  const expanded = open && text !== null && text.trim() !== '';
  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div className="actor-picker">
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
        aria-describedby={describedBy}
        data-actor-id={value}
        value={shown}
        placeholder={t('forms2.picker.placeholder')}
        onChange={(event) => {
          setText(event.target.value);
          onChange(event.target.value.trim());
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId} role="listbox" className="actor-picker-list" hidden={!expanded}>
        {choices.length === 0 ? (
          <li role="presentation" className="hint">
            {searching ? t('forms2.picker.searching') : t('forms2.picker.none')}
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
      {value !== '' && text === null ? (
        <span className="hint" aria-live="polite">
          {t('forms2.picker.chosen', { id: value })}
        </span>
      ) : null}
    </div>
  );
}
