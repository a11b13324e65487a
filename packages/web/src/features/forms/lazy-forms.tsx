import { lazy, Suspense } from 'react';
import type { ComponentProps } from 'react';

const LazyWriteActions = lazy(() =>
  import('./write-actions.tsx').then((m) => ({ default: m.WriteActions })),
);

/** WriteActions without putting zod and the schemas in the main bundle. */
export function WriteActions(props: ComponentProps<typeof LazyWriteActions>) {
  return (
    <Suspense fallback={null}>
      <LazyWriteActions {...props} />
    </Suspense>
  );
}
