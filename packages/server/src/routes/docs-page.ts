/**
 * `/api/docs`: interactive API documentation in one self-contained page (no CDN; the machine and
 * many deployments have no internet). It reads `/api/openapi.json`, lists the operations by tag,
 * and lets you try each one: path and query parameters, If-Match, a JSON body prefilled from the
 * schema, and the answer with its status and headers. It signs in with the session cookie and
 * sends the CSRF header itself. Everything from the document is inserted as text, never as HTML.
 */

const STYLE = `
:root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--muted:#666;--line:#ddd;--get:#1565c0;--post:#2e7d32;--put:#ef6c00;--patch:#6a1b9a;--delete:#c62828;--code:#f5f5f5}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#161616;--muted:#aaa;--line:#333;--code:#222}}
body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;margin:0;color:var(--fg);background:var(--bg);line-height:1.5}
header{padding:1rem 1.5rem;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
main{max-width:70rem;margin:0 auto;padding:1rem 1.5rem}
h1{font-size:1.3rem;margin:0}h2{font-size:1.1rem;margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line)}
details.op{border:1px solid var(--line);border-radius:6px;margin:.4rem 0}
details.op>summary{cursor:pointer;padding:.4rem .6rem;display:flex;gap:.6rem;align-items:baseline;flex-wrap:wrap}
.method{font-weight:700;font-family:ui-monospace,monospace;min-width:4.5rem;text-transform:uppercase}
.get{color:var(--get)}.post{color:var(--post)}.put{color:var(--put)}.patch{color:var(--patch)}.delete{color:var(--delete)}
.path{font-family:ui-monospace,monospace}.summary{color:var(--muted)}
.body{padding:.5rem .8rem 1rem;border-top:1px solid var(--line)}
label{display:block;margin:.3rem 0}label span{display:inline-block;min-width:10rem;font-family:ui-monospace,monospace}
input,textarea,button{font:inherit}input[type=text],input[type=password],input[type=email]{padding:.2rem .4rem;min-width:16rem}
textarea{width:100%;min-height:8rem;font-family:ui-monospace,monospace;font-size:.85rem}
button{padding:.3rem .9rem;cursor:pointer}
pre{background:var(--code);padding:.6rem;overflow:auto;max-height:28rem;font-size:.85rem}
.muted{color:var(--muted)}.status{font-weight:700}
`;

const SCRIPT = `
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
};
const cookie = (name) => document.cookie.split('; ').find((c) => c.startsWith(name + '='))?.slice(name.length + 1);
let doc;
const resolve = (schema) => {
  if (schema && schema.$ref) return doc.components.schemas[schema.$ref.split('/').pop()] ?? {};
  return schema ?? {};
};
function example(schema, depth = 0) {
  schema = resolve(schema);
  if (depth > 4) return null;
  if ('default' in schema) return schema.default;
  if (schema.examples) return schema.examples[0];
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object') {
    const out = {};
    for (const key of schema.required ?? Object.keys(schema.properties ?? {}).slice(0, 3)) out[key] = example(schema.properties?.[key] ?? {}, depth + 1);
    return out;
  }
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  return 'string';
}
async function send(method, path, form, output) {
  const query = new URLSearchParams();
  const headers = { accept: 'application/json' };
  let url = path;
  for (const input of form.querySelectorAll('[data-in]')) {
    const value = input.value;
    if (value === '') continue;
    if (input.dataset.in === 'path') url = url.replace('{' + input.name + '}', encodeURIComponent(value));
    else if (input.dataset.in === 'query') query.set(input.name, value);
    else if (input.dataset.in === 'header') headers[input.name] = value;
  }
  const bodyInput = form.querySelector('textarea');
  const init = { method: method.toUpperCase(), headers, credentials: 'same-origin' };
  if (bodyInput) { init.body = bodyInput.value; headers['content-type'] = method === 'patch' ? 'application/merge-patch+json' : 'application/json'; }
  const csrf = cookie('musubi_csrf');
  if (csrf && method !== 'get') headers['X-CSRF-Token'] = decodeURIComponent(csrf);
  const full = url + (query.size ? '?' + query : '');
  output.replaceChildren(el('span', { class: 'muted' }, init.method + ' ' + full + ' …'));
  const started = performance.now();
  try {
    const response = await fetch(full, init);
    const text = await response.text();
    let shown = text;
    try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch {}
    const picked = ['content-type', 'etag', 'location', 'retry-after'].filter((h) => response.headers.get(h)).map((h) => h + ': ' + response.headers.get(h)).join('\\n');
    output.replaceChildren(
      el('div', {}, el('span', { class: 'status' }, response.status + ' ' + response.statusText), el('span', { class: 'muted' }, '  ' + Math.round(performance.now() - started) + ' ms  ' + full)),
      el('pre', {}, picked), el('pre', {}, shown.length > 200000 ? shown.slice(0, 200000) + '\\n…' : shown));
    if (path.startsWith('/api/auth/')) refreshMe();
  } catch (error) { output.replaceChildren(el('pre', {}, String(error))); }
}
function operation(path, method, op, shared) {
  const params = [...(shared ?? []), ...(op.parameters ?? [])];
  const form = el('form', { onsubmit: (e) => { e.preventDefault(); send(method, path, form, output); } });
  for (const p of params) {
    form.append(el('label', {}, el('span', {}, p.name + (p.required ? ' *' : '')), el('input', { type: 'text', name: p.name, 'data-in': p.in, placeholder: p.in + (p.schema?.type ? ' · ' + p.schema.type : '') }), ' ', el('small', { class: 'muted' }, p.description ?? '')));
  }
  const content = op.requestBody?.content;
  if (content) {
    const media = content['application/json'] ?? Object.values(content)[0];
    form.append(el('label', {}, el('span', {}, 'body')), el('textarea', { spellcheck: 'false' }, JSON.stringify(example(media?.schema ?? {}), null, 2)));
  }
  form.append(el('button', { type: 'submit' }, 'Send'));
  const output = el('div');
  const responses = el('pre', {}, Object.entries(op.responses ?? {}).map(([code, r]) => code + '  ' + (r.description ?? '')).join('\\n'));
  const schemaName = op.requestBody?.content?.['application/json']?.schema?.$ref?.split('/').pop();
  const schema = schemaName ? el('details', {}, el('summary', {}, 'Schema ' + schemaName), el('pre', {}, JSON.stringify(doc.components.schemas[schemaName], null, 2))) : '';
  return el('details', { class: 'op', id: op.operationId ?? '' },
    el('summary', {}, el('span', { class: 'method ' + method }, method), el('span', { class: 'path' }, path), el('span', { class: 'summary' }, op.summary ?? '')),
    el('div', { class: 'body' }, op.description ? el('p', {}, op.description) : '', form, el('h4', {}, 'Responses'), responses, schema, output));
}
async function refreshMe() {
  const me = await fetch('/api/auth/me', { credentials: 'same-origin' }).then((r) => r.json()).catch(() => null);
  const box = document.getElementById('me');
  box.replaceChildren(me && me.account ? el('span', {}, me.account.email + ' (' + me.role + ') ', el('button', { onclick: async () => { await fetch('/api/auth/sign-out', { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': decodeURIComponent(cookie('musubi_csrf') ?? '') } }); refreshMe(); } }, 'Sign out')) : signInForm());
}
function signInForm() {
  const email = el('input', { type: 'email', placeholder: 'e-mail', autocomplete: 'username' });
  const password = el('input', { type: 'password', placeholder: 'password', autocomplete: 'current-password' });
  const note = el('span', { class: 'muted' });
  return el('form', { onsubmit: async (e) => {
    e.preventDefault();
    const response = await fetch('/api/auth/sign-in', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: email.value, password: password.value }) });
    if (response.ok) refreshMe(); else note.textContent = ' ' + ((await response.json().catch(() => ({}))).detail ?? response.status);
  } }, email, ' ', password, ' ', el('button', { type: 'submit' }, 'Sign in'), note);
}
(async () => {
  doc = await fetch('/api/openapi.json').then((r) => r.json());
  document.getElementById('title').textContent = doc.info.title + ' ' + doc.info.version;
  document.getElementById('intro').replaceChildren(...doc.info.description.split('\\n\\n').map((t) => el('p', {}, t)));
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method]; if (!op) continue;
      const tag = op.tags?.[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push(operation(path, method, op, item.parameters));
    }
  }
  const main = document.getElementById('ops');
  const order = (doc.tags ?? []).map((t) => t.name);
  for (const tag of [...byTag.keys()].sort((a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999))) {
    const description = (doc.tags ?? []).find((t) => t.name === tag)?.description;
    main.append(el('h2', {}, tag + (description ? ' — ' + description : '')), ...byTag.get(tag));
  }
  refreshMe();
})();
`;

export function renderDocsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Musubi API docs</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1 id="title">Musubi API</h1><div id="me"></div></header>
<main>
<div id="intro"></div>
<p><a href="/api/openapi.json">openapi.json</a> · OpenAPI 3.1</p>
<div id="ops"><p class="muted">Loading…</p></div>
</main>
<script type="module">${SCRIPT}</script>
</body>
</html>`;
}
