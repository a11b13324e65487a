import { lazy, Suspense } from 'react';
import type { ComponentProps } from 'react';
import { useAuth } from '../auth/auth-context.tsx';

const LazyWriteActions = lazy(() =>
  import('./write-actions.tsx').then((m) => ({ default: m.WriteActions })),
);
const LazyImportLink = lazy(() =>
  import('./write-actions.tsx').then((m) => ({ default: m.ImportLink })),
);

const LazyRelationEditLink = lazy(() =>
  import('./write-actions.tsx').then((m) => ({ default: m.RelationEditLink })),
);

/**
 * WriteActions without putting zod and the schemas in the main bundle; nothing is loaded for a
 * visitor who is not signed in (no one to offer "new" or "edit" to).
 */
export function WriteActions(props: ComponentProps<typeof LazyWriteActions>) {
  const { account } = useAuth();
  if (!account) return null;
  return (
    <Suspense fallback={null}>
      <LazyWriteActions {...props} />
    </Suspense>
  );
}

/** The link to `/import` for coordinators and administrators, loaded like WriteActions. */
export function ImportLink() {
  const { account } = useAuth();
  if (!account) return null;
  return (
    <Suspense fallback={null}>
      <LazyImportLink />
    </Suspense>
  );
}

/** "Edit" on a relation's row of a profile, loaded like WriteActions. */
export function RelationEditLink(props: ComponentProps<typeof LazyRelationEditLink>) {
  const { account } = useAuth();
  if (!account) return null;
  return (
    <Suspense fallback={null}>
      <LazyRelationEditLink {...props} />
    </Suspense>
  );
}
