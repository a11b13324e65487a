/**
 * Creating and editing a record with the entity's own schema: errors beside each field before
 * anything is sent, drafts kept per form, PATCH under If-Match and, when someone else saved in
 * between, a clear notice with a reload (nothing is overwritten).
 */
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { navigate, useLocation } from '../../router.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { fieldErrorsOfServer, validateWith, type FieldErrors } from './field-errors.ts';
import { ConflictNotice, DraftNotice, FormFields, FormProblem, RecordForm } from './form-kit.tsx';
import { formValuesOf, patchOf, recordOf, type FieldSpec, type FormValues } from './form-values.ts';
import {
  createRecord,
  isConflict,
  loadRecord,
  patchRecord,
  type FormEntity,
  type Loaded,
} from './record-api.tsx';
import { useDraft } from './use-draft.tsx';

/** The ETag an edit's draft was typed on, kept with the draft. */
const DRAFT_BASE = '__etag';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A refused change: its field findings beside the fields, else its sentence above the form. */
function refusal(error: unknown): { errors: FieldErrors; problem: string | null } {
  if (error instanceof ApiError && error.problems.length > 0)
    return { errors: fieldErrorsOfServer(error.problems), problem: null };
  return { errors: {}, problem: messageOf(error) };
}

/** Sends an anonymous visitor to the sign-in page, which brings them back here afterwards. */
export function useSignedIn(): boolean {
  const { account } = useAuth();
  const { path, search } = useLocation();
  const query = search.toString();
  useEffect(() => {
    if (account === null)
      navigate(`/sign-in?next=${encodeURIComponent(query ? `${path}?${query}` : path)}`, {
        replace: true,
      });
  }, [account, path, query]);
  return account !== null && account !== undefined;
}

export function CreateRecordForm({
  entity,
  schema,
  specs,
  draftKey,
  defaults,
  fixed,
  headingId,
  submitLabel,
  pathOf,
  toRecord,
  errorField,
}: {
  entity: FormEntity;
  schema: z.ZodType;
  specs: readonly FieldSpec[];
  draftKey: string;
  defaults: FormValues;
  /** Fields the form does not show (id, ownerId). */
  fixed: () => Record<string, unknown>;
  headingId: string;
  submitLabel: string;
  /** The page of the new record (by its id, or from the record where its key is derived). */
  pathOf(id: string, saved: Record<string, unknown>): string;
  /** The record the API takes from the form's (a relation's direction → source and target). */
  toRecord?(record: Record<string, unknown>): Record<string, unknown>;
  /** The form field that shows an error of a record field (targetId → the chosen actor). */
  errorField?(field: string, record: Record<string, unknown>): string;
}) {
  const draft = useDraft(draftKey, () => formValuesOf(specs, {}, defaults));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shownAt = (errors: FieldErrors, record: Record<string, unknown>): FieldErrors =>
    errorField
      ? Object.fromEntries(
          Object.entries(errors).map(([field, message]) => [errorField(field, record), message]),
        )
      : errors;
  const submit = async () => {
    const typed = { ...fixed(), ...recordOf(specs, draft.values) };
    const record = toRecord ? toRecord(typed) : typed;
    const found = validateWith(schema, record);
    setErrors(found ? shownAt(found, record) : {});
    setProblem(null);
    if (found) return;
    setBusy(true);
    try {
      const saved = await createRecord(entity, record);
      draft.clear();
      navigate(pathOf(String(saved.record['id'] ?? record['id']), { ...record, ...saved.record }));
    } catch (error) {
      const refused = refusal(error);
      setErrors(shownAt(refused.errors, record));
      setProblem(refused.problem);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {draft.restored ? (
        <DraftNotice onDiscard={() => draft.reset(formValuesOf(specs, {}, defaults))} />
      ) : null}
      <RecordForm
        labelledBy={headingId}
        onSubmit={() => void submit()}
        busy={busy}
        submitLabel={submitLabel}
      >
        <FormProblem errors={errors} specs={specs} message={problem} />
        <FormFields specs={specs} values={draft.values} errors={errors} onChange={draft.set} />
      </RecordForm>
    </>
  );
}

export function EditRecordForm({
  entity,
  id,
  schema,
  specs,
  loaded,
  headingId,
  onSaved,
  onReloaded,
  onCancel,
  save = (patch, _merged, ifMatch) => patchRecord(entity, id, patch, ifMatch),
}: {
  entity: FormEntity;
  id: string;
  schema: z.ZodType;
  specs: readonly FieldSpec[];
  loaded: Loaded;
  headingId: string;
  onSaved(saved: Loaded): void;
  /** The latest version was loaded after a conflict (the form stays open). */
  onReloaded?(latest: Loaded): void;
  onCancel(): void;
  /** How the change is stored (a PATCH under If-Match unless the form says otherwise). */
  save?(
    patch: Record<string, unknown>,
    merged: Record<string, unknown>,
    ifMatch: string | null,
  ): Promise<Loaded>;
}) {
  const { t } = useI18n();
  const [base, setBase] = useState(loaded);
  const startFrom = (from: Loaded): FormValues => ({
    ...formValuesOf(specs, from.record),
    [DRAFT_BASE]: from.etag ?? '',
  });
  const draft = useDraft(`${entity}:${id}`, () => startFrom(loaded));
  // A draft restored later still answers to the version it was typed on: saving it over a
  // newer one is a conflict, never a silent overwrite.
  const draftBase = draft.values[DRAFT_BASE];
  const ifMatch = typeof draftBase === 'string' && draftBase !== '' ? draftBase : base.etag;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { patch, merged } = patchOf(specs, draft.values, base.record);
    const found = validateWith(schema, merged);
    setErrors(found ?? {});
    setProblem(null);
    if (found) return;
    setBusy(true);
    try {
      const saved = await save(patch, merged, ifMatch);
      draft.clear();
      onSaved(saved);
    } catch (error) {
      if (isConflict(error)) setConflict(true);
      else {
        const refused = refusal(error);
        setErrors(refused.errors);
        setProblem(refused.problem);
      }
    } finally {
      setBusy(false);
    }
  };
  const reload = async () => {
    try {
      const latest = await loadRecord(entity, id);
      setBase(latest);
      draft.reset(startFrom(latest));
      setConflict(false);
      setErrors({});
      onReloaded?.(latest);
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.status === 404 ? t('forms.gone') : messageOf(error),
      );
    }
  };
  return (
    <>
      {conflict ? <ConflictNotice onReload={() => void reload()} /> : null}
      {draft.restored && !conflict ? (
        <DraftNotice onDiscard={() => draft.reset(startFrom(base))} />
      ) : null}
      <RecordForm
        labelledBy={headingId}
        onSubmit={() => void submit()}
        busy={busy}
        submitLabel={t('forms.save')}
        extraActions={
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              draft.clear();
              onCancel();
            }}
          >
            {t('forms.cancel')}
          </button>
        }
      >
        <FormProblem errors={errors} specs={specs} message={problem} />
        <FormFields specs={specs} values={draft.values} errors={errors} onChange={draft.set} />
      </RecordForm>
    </>
  );
}

/** Loads a record with its ETag; `reload` fetches it again. */
export function useRecord(entity: FormEntity, id: string) {
  const [state, setState] = useState<
    | { status: 'loading' }
    | { status: 'error'; error: ApiError | Error }
    | { status: 'ready'; loaded: Loaded }
  >({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    loadRecord(entity, id, controller.signal).then(
      (loaded) => setState({ status: 'ready', loaded }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({
            status: 'error',
            error: error instanceof Error ? error : new Error(String(error)),
          });
      },
    );
    return () => controller.abort();
  }, [entity, id, round]);
  return {
    state,
    reload: () => setRound((n) => n + 1),
    replace: (loaded: Loaded) => setState({ status: 'ready', loaded }),
  };
}
