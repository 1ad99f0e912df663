// Signet console: the shell. Plain JavaScript modules, no build, nothing from another origin.
//
// The API other modules use (import { ... } from '/console/console.js'):
//
//   registerTab({ id, label, render, onShow })
//       Adds a tab and its panel. `id` is a short slug (the panel is #panel-<id>, the tab #tab-<id>,
//       `#<id>` in the address selects it); `label` the tab's text; `render(panel)` is called once
//       with the panel element (an empty <section>) to build it; `onShow(panel)`, optional, each time
//       the tab is selected. Tabs appear in registration order; a module adds its own with
//       <script type="module" src="/console/<name>.js"> in index.html after console.js.
//       Returns { tab, panel }.
//
//   api(method, path, body?)  -> Promise<parsed JSON | null>
//       Calls Signet on the same origin with the pasted credential (X-Api-Key or
//       Authorization: Bearer). `body`, when given, is sent as JSON. Resolves with the parsed
//       answer (null for an empty one). Rejects with an ApiError: `status` (0 when Signet could
//       not be reached), `problem` (the problem+json object: type, title, detail,
//       invalid_params, ...), `headers`, and `message` (the refusal in words).
//
//   explainProblem(error) -> { headline, detail, params: [{ name, reason }], hint }
//   renderProblem(container, error)
//       The refusal in words: the status and title, Signet's detail, and for parameter problems
//       every refused parameter with its reason. renderProblem replaces the container's content
//       (an element with role=alert and data-testid=problem).
//
//   el(tag, attributes?, ...children) -> Element
//       Builds DOM from nodes, never from HTML strings: attributes are set as attributes (`class`, `for`, `data-*`,
//       ...), except `on<event>` functions, which become listeners; children are nodes or strings.
//
//   hasCredential() -> boolean;  onCredentialChange(listener)
//       Whether a credential is set; listener() is called after it is set or forgotten.
//
//   copyButton(label, textOf, accessibleName?) -> <button>
//       A button that copies textOf() to the clipboard (or selects it when the page may not).
//
// The credential lives in a module variable only: never in web storage (local or session), a cookie
// or the address; reloading the page forgets it.

let credential = null;
const credentialListeners = [];
const tabs = [];

/** An API refusal (or a failure to reach Signet), with the problem+json Signet answered. */
export class ApiError extends Error {
  constructor(status, problem, headers) {
    super('');
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
    this.headers = headers ?? new Headers();
    const words = explainProblem(this);
    this.message = [words.headline, words.detail].filter(Boolean).join(': ');
  }
}

/**
 * Calls Signet's API with the pasted credential.
 * @param {string} method the HTTP method
 * @param {string} path the path, such as /v1/signatures
 * @param {unknown} [body] sent as JSON when given
 * @returns {Promise<any>} the parsed answer, null when empty
 */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (credential?.kind === 'api-key') headers['X-Api-Key'] = credential.value;
  if (credential?.kind === 'bearer') headers.Authorization = `Bearer ${credential.value}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch (error) {
    throw new ApiError(0, {
      title: 'Signet could not be reached',
      detail: `The request did not get an answer (${error.message}). Is Signet still running at ${location.origin}?`,
    });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, json && typeof json === 'object' ? json
      : { title: response.statusText, detail: text.slice(0, 300) }, response.headers);
  }
  return json;
}

const STATUS_WORDS = {
  0: 'Signet could not be reached',
  400: 'Signet refused the request',
  401: 'Signet does not know who you are',
  403: 'Signet does not let this caller do that',
  404: 'Not found',
  413: 'The request is too large',
  415: 'Signet only reads JSON here',
  429: 'Too many requests for now',
  503: 'Signet cannot answer right now',
};

/**
 * A refusal in words.
 * @param {ApiError|Error} error what api() threw
 * @returns {{headline: string, detail: string, params: {name: string, reason: string}[], hint: string}}
 */
export function explainProblem(error) {
  if (!(error instanceof ApiError) && !(error && typeof error === 'object' && 'problem' in error)) {
    return { headline: 'Something went wrong in the console', detail: String(error?.message ?? error), params: [], hint: '' };
  }
  const problem = error.problem ?? {};
  const status = error.status;
  const title = problem.title && problem.title !== STATUS_WORDS[status] ? ` (${problem.title})` : '';
  const headline = status ? `${STATUS_WORDS[status] ?? 'Signet refused the request'}${title}, HTTP ${status}`
    : STATUS_WORDS[0];
  const params = Array.isArray(problem.invalid_params)
    ? problem.invalid_params.map((p) => ({ name: String(p.name ?? ''), reason: String(p.reason ?? p.code ?? '') }))
    : [];
  let hint = '';
  if (status === 401) {
    hint = credential ? 'Check the pasted credential: it may be mistyped, revoked or expired.'
      : 'Paste an API key or a bearer token above and press Use.';
  } else if (status === 403 && !problem.detail) {
    hint = 'This credential lacks the scope or the profile this needs.';
  } else if (status === 429) {
    const retry = error.headers?.get?.('Retry-After');
    hint = retry ? `Try again in ${retry} s.` : 'Try again in a minute.';
  }
  return { headline, detail: String(problem.detail ?? ''), params, hint };
}

/**
 * Shows a refusal in words in a container (replacing what it held).
 * @param {Element} container where to show it
 * @param {ApiError|Error} error what api() threw
 */
export function renderProblem(container, error) {
  const words = explainProblem(error);
  const box = el('div', { class: 'problem', role: 'alert', 'data-testid': 'problem' },
    el('p', { class: 'problem-headline', 'data-testid': 'problem-headline' }, words.headline),
    words.detail ? el('p', { class: 'problem-detail', 'data-testid': 'problem-detail' }, words.detail) : '');
  if (words.params.length) {
    box.append(el('p', {}, words.params.length === 1 ? 'The refused parameter:' : 'The refused parameters:'),
      el('ul', { class: 'problem-params', 'data-testid': 'problem-params' },
        ...words.params.map((p) => el('li', { 'data-param': p.name },
          el('code', {}, p.name), p.reason ? ` — ${p.reason}` : ''))));
  }
  if (words.hint) box.append(el('p', { class: 'problem-hint' }, words.hint));
  if (error?.problem?.request_id) {
    box.append(el('p', { class: 'problem-id' }, 'Request id (for the logs): ', el('code', {}, error.problem.request_id)));
  }
  container.replaceChildren(box);
}

/**
 * Builds an element.
 * @param {string} tag the tag name
 * @param {Record<string, any>} [attributes] attributes, and on<event> listeners
 * @param {...(Node|string|null|undefined|false)} children
 * @returns {HTMLElement}
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false || child === '') continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** @returns {boolean} whether a credential is set */
export function hasCredential() {
  return credential !== null;
}

/** @param {() => void} listener called after the credential is set or forgotten */
export function onCredentialChange(listener) {
  credentialListeners.push(listener);
}

/**
 * A button that copies a text.
 * @param {string} label the button's text (also its accessible name)
 * @param {() => string} textOf the text to copy
 * @param {string} [accessibleName] what a screen reader says, when the label is short
 * @returns {HTMLButtonElement}
 */
export function copyButton(label, textOf, accessibleName) {
  const button = el('button', { type: 'button', class: 'copy secondary', 'aria-label': accessibleName }, label);
  button.addEventListener('click', async () => {
    const text = textOf();
    try {
      await navigator.clipboard.writeText(text);
      flash(button, 'Copied');
    } catch {
      // No clipboard (an http:// page other than localhost): select the text to copy by hand.
      const code = button.closest('.snippet')?.querySelector('code');
      if (code) getSelection().selectAllChildren(code);
      flash(button, 'Selected: press Ctrl+C');
    }
  });
  return button;
}

function flash(button, text) {
  const label = button.textContent;
  button.textContent = text;
  setTimeout(() => { button.textContent = label; }, 1500);
}

/**
 * Adds a tab.
 * @param {{id: string, label: string, render: (panel: HTMLElement) => void, onShow?: (panel: HTMLElement) => void}} spec
 * @returns {{tab: HTMLButtonElement, panel: HTMLElement}}
 */
export function registerTab(spec) {
  if (!/^[a-z][a-z0-9-]*$/.test(spec.id) || tabs.some((t) => t.id === spec.id)) {
    throw new Error(`registerTab: the id '${spec.id}' must be a new lowercase slug`);
  }
  const tablist = document.getElementById('tablist');
  const panels = document.getElementById('panels');
  const tab = el('button', {
    type: 'button', role: 'tab', id: `tab-${spec.id}`, 'aria-controls': `panel-${spec.id}`,
    'aria-selected': 'false', tabindex: '-1', 'data-tab': spec.id,
  }, spec.label);
  const panel = el('section', {
    role: 'tabpanel', id: `panel-${spec.id}`, 'aria-labelledby': `tab-${spec.id}`, tabindex: '0', hidden: true,
    class: 'panel',
  });
  tablist.append(tab);
  panels.append(panel);
  const entry = { ...spec, tab, panel };
  tabs.push(entry);
  spec.render(panel);
  tab.addEventListener('click', () => select(spec.id, false));
  const wanted = location.hash.slice(1);
  if (tabs.length === 1 || wanted === spec.id) select(spec.id, false);
  return { tab, panel };
}

function select(id, focus) {
  for (const entry of tabs) {
    const chosen = entry.id === id;
    entry.tab.setAttribute('aria-selected', String(chosen));
    entry.tab.tabIndex = chosen ? 0 : -1;
    entry.panel.hidden = !chosen;
    if (chosen) {
      if (focus) entry.tab.focus();
      if (location.hash.slice(1) !== id) history.replaceState(null, '', `#${id}`);
      entry.onShow?.(entry.panel);
    }
  }
}

function setUpTabKeys() {
  // The WAI-ARIA tabs pattern: arrows, Home and End move between tabs; Tab goes into the panel.
  document.getElementById('tablist').addEventListener('keydown', (event) => {
    const index = tabs.findIndex((t) => t.tab === document.activeElement);
    if (index < 0) return;
    let next = null;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next === null) return;
    event.preventDefault();
    select(tabs[next].id, true);
  });
  window.addEventListener('hashchange', () => {
    const id = location.hash.slice(1);
    if (tabs.some((t) => t.id === id)) select(id, false);
  });
}

function setUpCredential() {
  const form = document.getElementById('auth-form');
  const kind = document.getElementById('auth-kind');
  const secret = document.getElementById('auth-secret');
  const status = document.getElementById('auth-status');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = secret.value.trim();
    if (!value) {
      status.textContent = 'Paste an API key or a bearer token first.';
      secret.focus();
      return;
    }
    if (/[\s\u0000-\u001f]/.test(value)) {
      status.textContent = 'The credential contains a space or a line break: paste it alone, on one line.';
      return;
    }
    credential = { kind: kind.value, value };
    secret.value = '';
    status.textContent = `${kind.value === 'api-key' ? 'Using an API key' : 'Using a bearer token'} `
      + `ending in …${value.slice(-4)}, for this page only.`;
    credentialListeners.forEach((listener) => listener());
  });
  document.getElementById('auth-forget').addEventListener('click', () => {
    credential = null;
    secret.value = '';
    status.textContent = 'Forgotten: no credential.';
    credentialListeners.forEach((listener) => listener());
  });
}

setUpTabKeys();
setUpCredential();
