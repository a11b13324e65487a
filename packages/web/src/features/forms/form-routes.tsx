/**
 * The pages with forms, loaded only when opened (they carry zod and the entity schemas, which
 * the rest of the app does not need).
 */
import { ActorEditPage } from '../actors/actor-edit-page.tsx';
import { NeedNewPage, NeedPage } from '../needs/need-pages.tsx';
import { ProjectEditPage } from '../programmes/project-edit-page.tsx';
import { SeedNewPage, SeedPage } from '../seeds/seed-pages.tsx';
import { EntityNewPage, EntityRecordPage } from './entity-form-pages.tsx';
import { isRegionEntity } from './entity-forms.ts';
import { ImportPage } from './import-page.tsx';
import { RelationEditPage } from './relation-edit-page.tsx';
import { RelationNewPage } from './relation-new-page.tsx';

function idIn(pattern: RegExp, path: string): string | null {
  const match = pattern.exec(path);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export function FormRoutes({ path }: { path: string }) {
  if (path === '/needs/new') return <NeedNewPage />;
  if (path === '/seeds/new') return <SeedNewPage />;
  const need = idIn(/^\/needs\/([^/]+)$/, path);
  if (need !== null) return <NeedPage id={need} />;
  const seed = idIn(/^\/seeds\/([^/]+)$/, path);
  if (seed !== null) return <SeedPage id={seed} />;
  const actor = idIn(/^\/actors\/([^/]+)\/edit$/, path);
  if (actor !== null) return <ActorEditPage key={actor} id={actor} />;
  const project = idIn(/^\/projects\/([^/]+)\/edit$/, path);
  if (project !== null) return <ProjectEditPage key={project} id={project} />;
  if (path === '/import') return <ImportPage />;
  const relationOf = idIn(/^\/actors\/([^/]+)\/relations\/new$/, path);
  if (relationOf !== null) return <RelationNewPage key={relationOf} actorId={relationOf} />;
  const relation = /^\/actors\/([^/]+)\/relations\/([^/]+)$/.exec(path);
  if (relation?.[1] && relation[2])
    return (
      <RelationEditPage
        key={path}
        actorId={decodeURIComponent(relation[1])}
        relationId={decodeURIComponent(relation[2])}
      />
    );
  const [, entity = '', id = ''] = path.split('/');
  if (isRegionEntity(entity))
    return id === 'new' ? (
      <EntityNewPage key={entity} entity={entity} />
    ) : (
      <EntityRecordPage key={`${entity}/${id}`} entity={entity} id={decodeURIComponent(id)} />
    );
  return null;
}
