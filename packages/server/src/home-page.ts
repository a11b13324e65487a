import type { EntityName } from '#core/entities/registry.ts';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import type { EntityCounts } from '#core/ports.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The landing page: what the database holds and where the API lists are. */
export function renderHomePage(
  counts: EntityCounts,
  entities: readonly EntityName[],
  options: { note?: string } = {},
): string {
  const rows = entities
    .map((name) => {
      const spec = ENTITY_SPECS[name];
      return `<tr><th scope="row"><a href="/api/${name}">${escapeHtml(spec.labelJa)}</a> <small>${name}</small></th><td>${counts[name].toLocaleString('ja-JP')}</td></tr>`;
    })
    .join('');
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Musubi 結び — 地域科学技術イノベーション</title>
<style>
body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;margin:2rem auto;max-width:48rem;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left}td{text-align:right}
small{color:#555}
</style>
</head>
<body>
<h1>Musubi 結び</h1>
<p>地域の科学技術イノベーション・エコシステム（ABC: Actors-Based Community）— ${counts.prefectures} 都道府県の主体と関係。</p>
<table><caption>登録データ / Records</caption><tbody>${rows}</tbody></table>
${options.note ? `<p><small>${escapeHtml(options.note)}</small></p>` : ''}
<p><a href="/api/docs">API docs</a> · <a href="/api/openapi.json">/api/openapi.json</a> · <a href="/api/health">/api/health</a> · <a href="/api/stats">/api/stats</a></p>
</body>
</html>`;
}
