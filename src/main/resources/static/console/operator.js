// "Operators": the profiles and their rules (GET /v1/operator/profiles), a caller's limits and the
// tokens left in its buckets (GET /v1/operator/limits, read without spending), the loaded accounts
// with their key fingerprints (GET /v1/operator/accounts) and the latest decisions of the audit
// (GET /v1/operator/decisions), filterable. For operators only: Signet refuses everyone else with
// 403, and this tab says why in words.
import { api, el, hasCredential, onCredentialChange, registerTab, renderProblem } from '/console/console.js';

let refs = null;
let loaded = false;

registerTab({
  id: 'operators', label: 'Operators', render,
  onShow: () => { if (!loaded && hasCredential()) refreshAll(); },
});

onCredentialChange(() => {
  loaded = false;
  if (!refs) return;
  for (const output of [refs.profiles, refs.limits, refs.accounts, refs.decisions]) output.replaceChildren();
  refs.access.replaceChildren();
  if (hasCredential() && !refs.panel.hidden) refreshAll();
});

function render(panel) {
  const access = el('div', { id: 'operator-access', 'aria-live': 'polite', 'data-testid': 'operator-access' });
  const profiles = el('div', { id: 'operator-profiles', class: 'output', 'aria-live': 'polite', 'data-testid': 'operator-profiles' });
  const limits = el('div', { id: 'operator-limits', class: 'output', 'aria-live': 'polite', 'data-testid': 'operator-limits' });
  const accounts = el('div', { id: 'operator-accounts', class: 'output', 'aria-live': 'polite', 'data-testid': 'operator-accounts' });
  const decisions = el('div', { id: 'operator-decisions', class: 'output', 'aria-live': 'polite', 'data-testid': 'operator-decisions' });

  const limitsForm = el('form', { id: 'operator-limits-form', class: 'stack', novalidate: true },
    el('div', { class: 'row' },
      field('operator-limits-caller', 'Caller', 'caller', 'web',
        'An API-key client name, or a JWT’s client (azp, else client_id) with its issuer.'),
      field('operator-limits-issuer', 'JWT issuer (empty for an API-key client)', 'issuer', 'https://login.example.com/'),
      field('operator-limits-subject', 'End user (optional)', 'subject', '',
        'A JWT’s sub, or the user a trusted backend names in X-Signet-User.')),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', id: 'operator-limits-show' }, 'Show limits')));
  limitsForm.addEventListener('submit', (event) => {
    event.preventDefault();
    showLimits();
  });

  const outcome = el('select', { id: 'operator-decisions-outcome', name: 'outcome' },
    el('option', { value: '' }, 'any'),
    el('option', { value: 'issued' }, 'issued'),
    el('option', { value: 'refused' }, 'refused'),
    el('option', { value: 'rate-limited' }, 'refused: rate-limited'),
    el('option', { value: 'parameter-not-allowed' }, 'refused: parameter-not-allowed'),
    el('option', { value: 'invalid-parameter' }, 'refused: invalid-parameter'),
    el('option', { value: 'profile-forbidden' }, 'refused: profile-forbidden'),
    el('option', { value: 'unknown-profile' }, 'refused: unknown-profile'));
  const decisionsForm = el('form', { id: 'operator-decisions-form', class: 'stack', novalidate: true },
    el('div', { class: 'row' },
      field('operator-decisions-caller', 'Only this caller', 'caller', 'any client'),
      field('operator-decisions-profile', 'Only this profile', 'profile', 'any profile'),
      el('div', { class: 'field' }, el('label', { for: 'operator-decisions-outcome' }, 'Outcome'), outcome),
      field('operator-decisions-limit', 'How many', 'limit', '100')),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', id: 'operator-decisions-show' }, 'Show decisions')));
  decisionsForm.addEventListener('submit', (event) => {
    event.preventDefault();
    showDecisions();
  });

  const profilesButton = el('button', { type: 'button', id: 'operator-profiles-show', class: 'secondary' }, 'Reload profiles');
  profilesButton.addEventListener('click', () => showProfiles());
  const accountsButton = el('button', { type: 'button', id: 'operator-accounts-show', class: 'secondary' }, 'Reload accounts');
  accountsButton.addEventListener('click', () => showAccounts());

  refs = { panel, access, profiles, limits, accounts, decisions };
  panel.append(
    el('h2', {}, 'Operators'),
    el('p', { class: 'lead' }, 'What Signet is configured to do and what it decided. For operators only: API-key '
      + 'clients listed in SIGNET_OPERATOR_CLIENTS and bearer tokens with the operator scope (signet:operator by '
      + 'default). No secret, signature or parameter value is ever shown.'),
    access,
    el('h3', { id: 'operator-decisions-title' }, 'Last decisions'),
    el('p', { class: 'help' }, 'Newest first, as the audit log records them, from the replica that answers.'),
    decisionsForm, decisions,
    el('h3', { id: 'operator-limits-title' }, 'Limits of a caller'),
    el('p', { class: 'help' }, 'The tokens left in each of the caller’s buckets, read without spending any.'),
    limitsForm, limits,
    el('h3', { id: 'operator-profiles-title' }, 'Profiles and their rules'),
    el('div', { class: 'buttons' }, profilesButton), profiles,
    el('h3', { id: 'operator-accounts-title' }, 'Cloudinary accounts'),
    el('p', { class: 'help' }, 'A fingerprint is the first 8 hex characters of the secret’s SHA-256: enough to tell '
      + 'which secret is loaded, useless to recover it.'),
    el('div', { class: 'buttons' }, accountsButton), accounts);
}

function field(id, label, name, placeholder, help) {
  const input = el('input', {
    id, name, type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: placeholder || undefined,
    'aria-describedby': help ? `${id}-help` : undefined,
  });
  return el('div', { class: 'field' }, el('label', { for: id }, label), input,
    help ? el('p', { id: `${id}-help`, class: 'help' }, help) : '');
}

function value(id) {
  return document.getElementById(id).value.trim();
}

async function refreshAll() {
  loaded = true;
  await showDecisions();
  if (refs.access.childElementCount) return;
  await Promise.all([showProfiles(), showAccounts()]);
}

/**
 * Calls an operator page and shows the answer, or the refusal in words.
 * @param {HTMLElement} output where the page goes
 * @param {string} path the page's path and query
 * @param {(answer: any) => Node[]} draw builds the page
 */
async function show(output, path, draw) {
  if (!hasCredential()) {
    output.replaceChildren(el('p', { class: 'help' }, 'Paste an operator’s API key or bearer token above first.'));
    return;
  }
  output.replaceChildren(el('p', { class: 'busy' }, 'Loading…'));
  try {
    const answer = await api('GET', path);
    refs.access.replaceChildren();
    output.replaceChildren(...draw(answer));
  } catch (error) {
    if (error?.status === 403) {
      // Not an operator: say so once, at the top, and leave the pages empty.
      renderProblem(refs.access, error);
      refs.access.firstChild?.prepend(el('p', { class: 'problem-lead', 'data-testid': 'operator-refused' },
        'Only operators may see these pages, and this credential is not an operator’s.'));
      for (const other of [refs.profiles, refs.limits, refs.accounts, refs.decisions]) other.replaceChildren();
      return;
    }
    renderProblem(output, error);
  }
}

function query(pairs) {
  const params = new URLSearchParams();
  for (const [name, v] of pairs) if (v) params.set(name, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function showDecisions() {
  const path = '/v1/operator/decisions' + query([
    ['caller', value('operator-decisions-caller')], ['profile', value('operator-decisions-profile')],
    ['outcome', document.getElementById('operator-decisions-outcome').value], ['limit', value('operator-decisions-limit')],
  ]);
  return show(refs.decisions, path, drawDecisions);
}

function showLimits() {
  const caller = value('operator-limits-caller');
  if (!caller) {
    refs.limits.replaceChildren(el('p', { class: 'problem-lead', role: 'alert' },
      'Enter the caller first: an API-key client name, or a JWT’s client with its issuer.'));
    document.getElementById('operator-limits-caller').focus();
    return Promise.resolve();
  }
  const path = '/v1/operator/limits' + query([
    ['caller', caller], ['issuer', value('operator-limits-issuer')], ['subject', value('operator-limits-subject')],
  ]);
  return show(refs.limits, path, drawLimits);
}

function showProfiles() {
  return show(refs.profiles, '/v1/operator/profiles', drawProfiles);
}

function showAccounts() {
  return show(refs.accounts, '/v1/operator/accounts', drawAccounts);
}

function table(caption, headers, rows, testid) {
  return el('table', { 'data-testid': testid },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c) => el('td', {}, c ?? ''))))));
}

function code(text) {
  return el('code', {}, String(text));
}

function list(values) {
  return values && values.length ? values.map(String).join(', ') : 'none';
}

function drawDecisions(answer) {
  const decisions = answer?.decisions ?? [];
  const summary = el('p', { class: 'status', 'data-testid': 'operator-decisions-count' },
    `${decisions.length} decision${decisions.length === 1 ? '' : 's'} shown; this replica keeps the last `
    + `${answer?.kept ?? 0} (${answer?.recorded_since_start ?? 0} recorded since it started).`);
  if (!decisions.length) return [summary, el('p', { class: 'help' }, 'No decision matches these filters yet.')];
  const rows = decisions.map((d) => {
    const refused = String(d.event ?? '').endsWith('.refused');
    const what = refused
      ? el('span', { class: 'fact bad' }, `refused: ${d.reason ?? ''}`,
        d.refused_params?.length ? ` (${d.refused_params.join(', ')})` : '')
      : el('span', {}, `issued with ${d.account ?? ''} ${d.api_key ?? ''}`.trim(),
        d.params?.length ? ` (${d.params.join(', ')})` : '');
    return [d.time, code(d.event ?? ''), `${d.client ?? ''} (${d.auth === 'jwt' ? 'JWT' : 'API key'})`,
      d.profile, what, code(d.request_id ?? '')];
  });
  return [summary, table('Last decisions, newest first',
    ['Time', 'Event', 'Caller', 'Profile', 'Outcome', 'Request id'], rows, 'operator-decisions-table')];
}

function describeLimit(limit) {
  if (!limit || limit.limit === undefined) return 'none';
  let text = `${limit.limit} per ${seconds(limit.window_seconds)}`;
  if (limit.quota) text += `, and ${limit.quota} per ${seconds(limit.quota_window_seconds)}`;
  return text;
}

function seconds(value) {
  const s = Number(value);
  if (s === 1) return 'second';
  if (s === 60) return 'minute';
  if (s === 3600) return 'hour';
  if (s === 86400) return 'day';
  return `${s} s`;
}

function limitsRows(limits) {
  return ['caller', 'client', 'global'].map((scope) => [scope, describeLimit(limits?.[scope])]);
}

function drawLimits(answer) {
  const who = answer?.caller ?? {};
  const rows = [];
  for (const bucket of answer?.buckets ?? []) {
    for (const s of bucket.states ?? []) {
      rows.push([
        code(bucket.bucket), bucket.kind + (bucket.caller_named === false ? ' (the caller may not use it)' : ''),
        s.scope, `${s.remaining} of ${s.limit} per ${seconds(s.window_seconds)}`,
        s.remaining >= s.limit ? 'full' : `${s.full_in_seconds} s`,
        s.quota ? `${s.quota_remaining} of ${s.quota} per ${seconds(s.quota_window_seconds)}` : 'no quota',
        s.replica_share ? 'this replica’s share' : '',
      ]);
    }
  }
  const out = [el('p', { class: 'status' },
    `${who.auth === 'jwt' ? 'JWT client' : 'API-key client'} ${who.client ?? ''}, issuer ${who.issuer ?? ''}, `
    + `subject ${who.subject ?? ''}; limits are ${modeWords(answer?.mode)}.`)];
  if (!rows.length) out.push(el('p', { class: 'help' }, 'Rate limits are off: no bucket to show.'));
  else {
    out.push(table('Buckets of this caller', ['Bucket', 'Kind', 'Whose', 'Tokens left', 'Full again in', 'Quota left',
      'Note'], rows, 'operator-limits-table'));
  }
  return out;
}

function modeWords(mode) {
  return {
    local: 'kept in this replica', redis: 'shared through Redis', degraded:
      'this replica’s share while Redis is unreachable', off: 'off',
  }[mode] ?? String(mode);
}

function drawProfiles(answer) {
  const out = [];
  for (const p of answer?.signing_profiles ?? []) {
    const forced = Object.entries(p.forced ?? {});
    const allowed = Object.entries(p.allowed ?? {});
    const refused = Object.entries(p.refused ?? {});
    out.push(el('article', { class: 'profile', 'data-profile': p.name },
      el('h4', {}, 'Signing profile ', code(p.name)),
      el('ul', { class: 'facts' },
        el('li', {}, `Account ${p.account}; API-key clients: ${list(p.clients)}; JWT clients: ${list(p.jwt_clients)}`
          + (p.scopes?.length ? `; JWT scopes required: ${list(p.scopes)}` : '')),
        el('li', {}, `Resource types ${list(p.resource_types)}; signatures valid ${p.validity_seconds} s; explain mode `
          + (p.explain ? 'allowed' : 'not allowed')),
        el('li', {}, `Upload sessions: parts of ${p.chunk_size} bytes, re-signed for ${p.session_validity_seconds} s; `
          + `files ${p.file?.max_bytes ? `of at most ${p.file.max_bytes} bytes` : 'of any size'}, `
          + `${p.file?.formats?.length ? `formats ${list(p.file.formats)}` : 'any format'}`)),
      forced.length ? table('Forced (always signed, the client cannot change them)', ['Parameter', 'Value'],
        forced.map(([k, v]) => [code(k), code(v)]), 'operator-forced') : el('p', { class: 'help' }, 'Forces nothing.'),
      allowed.length ? table('Allowed (the client may send them)', ['Parameter', 'Rule'],
        allowed.map(([k, rule]) => [code(k), ruleWords(rule)]), 'operator-allowed')
        : el('p', { class: 'help' }, 'Allows no parameter of the client’s.'),
      el('details', {}, el('summary', {}, `Refused with a reason (${refused.length}); any other parameter is refused too`),
        table('Refused', ['Parameter', 'Why'], refused.map(([k, why]) => [code(k), why]), 'operator-refused-params')),
      table('Rate limits', ['Whose', 'Limit'], limitsRows(p.limits), 'operator-profile-limits')));
  }
  for (const p of answer?.delivery_profiles ?? []) {
    out.push(el('article', { class: 'profile', 'data-profile': p.name },
      el('h4', {}, 'Delivery profile ', code(p.name)),
      el('ul', { class: 'facts' },
        el('li', {}, `Account ${p.account}; API-key clients: ${list(p.clients)}; JWT clients: ${list(p.jwt_clients)}`),
        el('li', {}, `Public IDs ${p.public_id_pattern ? `matching ${p.public_id_pattern}` : 'of any name'}; types `
          + `${list(p.types)}; resource types ${list(p.resource_types)}`),
        el('li', {}, `Transformations: ${p.any_transformation ? 'any' : list(p.transformations)}; auth-token paths: `
          + `${list(p.token_paths)} (at most ${p.max_token_duration_seconds} s)`))));
  }
  const kinds = Object.entries(answer?.endpoint_kinds ?? {});
  if (kinds.length) {
    out.push(table('Limits of the other endpoints (each caller)', ['Kind', 'Serves', 'Each caller', 'Each client app'],
      kinds.map(([k, v]) => [code(k), v.serves, describeLimit(v.limits?.caller), describeLimit(v.limits?.client)]),
      'operator-kinds'));
  }
  if (answer && answer.rate_limits_enabled === false) out.unshift(el('p', { class: 'notice' }, 'Rate limits are off.'));
  return out;
}

function ruleWords(rule) {
  const parts = [rule.kind];
  if (rule.values) parts.push(`one of ${rule.values.join(', ')}`);
  if (rule.pattern) parts.push(`matching ${rule.pattern}`);
  if (rule.max_length) parts.push(`at most ${rule.max_length} characters`);
  if (rule.max_items) parts.push(`a list of at most ${rule.max_items}`);
  if (rule.item_pattern) parts.push(`items matching ${rule.item_pattern}`);
  if (rule.context_keys) parts.push(`context keys ${rule.context_keys.join(', ')}`);
  return parts.join('; ');
}

function drawAccounts(answer) {
  const rows = [];
  for (const a of answer?.accounts ?? []) {
    for (const k of a.keys ?? []) {
      rows.push([code(a.name), a.cloud_name, code(k.api_key), k.role, code(k.secret_fingerprint),
        `${k.algorithm}, version ${k.signature_version}`, a.token_key_fingerprint ? code(a.token_key_fingerprint) : 'none',
        `${a.source}${a.reloadable ? ' (re-read when it changes)' : ''}`,
        a.error ? el('span', { class: 'fact bad' }, `last change refused: ${a.error}`) : `loaded ${a.loaded_at}`]);
    }
  }
  return [table('Loaded accounts and their keys', ['Account', 'Cloud', 'API key', 'Role', 'Secret fingerprint',
    'Signing', 'Token key fingerprint', 'Source', 'State'], rows, 'operator-accounts-table')];
}
