// "Try a profile": the profiles the caller may use (GET /v1/profiles), what one forces and allows
// (GET /v1/profiles/{name}), and what Signet signs, adds and refuses for entered parameters
// (POST /v1/signatures, with "explain": true where the profile allows it), with client snippets.
import { api, copyButton, el, hasCredential, onCredentialChange, registerTab, renderProblem } from '/console/console.js';

let state = { loaded: false, profile: null };
let refs = null;
/** Counts profile look-ups: only the latest one's answer is shown. */
let lookups = 0;

registerTab({ id: 'profiles', label: 'Try a profile', render, onShow: () => { if (!state.loaded && hasCredential()) load(); } });

onCredentialChange(() => {
  state = { loaded: false, profile: null };
  if (!refs) return;
  refs.select.replaceChildren(el('option', { value: '' }, '(load your profiles first)'));
  refs.description.replaceChildren();
  refs.result.replaceChildren();
  refs.snippets.replaceChildren();
  refs.listStatus.replaceChildren();
  if (hasCredential() && !refs.panel.hidden) load();
});

function render(panel) {
  const select = el('select', { id: 'profile-name', name: 'profile', 'aria-describedby': 'profile-list-status' },
    el('option', { value: '' }, '(load your profiles first)'));
  const loadButton = el('button', { type: 'button', id: 'profile-load', class: 'secondary' }, 'Load my profiles');
  const listStatus = el('div', { id: 'profile-list-status', 'aria-live': 'polite', 'data-testid': 'profile-list-status' });
  const description = el('div', { id: 'profile-description', 'data-testid': 'profile-description' });
  const params = el('textarea', {
    id: 'profile-params', name: 'params', rows: '5', spellcheck: 'false',
    placeholder: '{"public_id": "cat", "tags": ["cats", "home"]}', 'aria-describedby': 'profile-params-help',
  });
  const resourceType = el('select', { id: 'profile-resource-type', name: 'resource_type' },
    el('option', { value: 'image' }, 'image'));
  const explain = el('input', { id: 'profile-explain', name: 'explain', type: 'checkbox', 'aria-describedby': 'profile-explain-help' });
  const explainHelp = el('p', { id: 'profile-explain-help', class: 'help' }, 'Pick a profile first.');
  const result = el('div', { id: 'profile-result', class: 'output', 'aria-live': 'polite', 'data-testid': 'profile-result' });
  const snippets = el('div', { id: 'profile-snippets', 'data-testid': 'snippets' });
  const form = el('form', { id: 'profile-form', class: 'stack', novalidate: true },
    el('div', { class: 'field' },
      el('label', { for: 'profile-params' }, 'Parameters to sign'),
      params,
      el('p', { id: 'profile-params-help', class: 'help' },
        'A JSON object, as your client would send it in "params" (no timestamp: Signet stamps it). Empty: none.')),
    el('div', { class: 'row' },
      el('div', { class: 'field' },
        el('label', { for: 'profile-resource-type' }, 'Resource type'),
        resourceType),
      el('div', { class: 'field check' },
        explain,
        el('label', { for: 'profile-explain' }, 'Show the string to sign (explain mode; the secret stays masked)'))),
    explainHelp,
    el('p', { class: 'help' }, 'Signet really signs: the answer is a signature Cloudinary would accept, it spends '
      + 'from your signing limits and it is in the audit log, like any other request.'),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', id: 'profile-sign' }, 'Sign these parameters')));
  refs = { panel, select, listStatus, description, params, resourceType, explain, explainHelp, result, snippets };
  loadButton.addEventListener('click', () => load());
  select.addEventListener('change', () => describe(select.value));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    sign();
  });
  panel.append(
    el('h2', {}, 'Try a profile'),
    el('p', { class: 'lead' }, 'Pick a signing profile you may use, enter parameters and see what Signet signs, adds '
      + 'and refuses, then copy a client snippet made for that profile.'),
    el('div', { class: 'row' },
      el('div', { class: 'field grow' }, el('label', { for: 'profile-name' }, 'Profile'), select),
      el('div', { class: 'buttons' }, loadButton)),
    listStatus, description, form, result,
    el('h3', {}, 'Client snippets for this profile'), snippets);
}

async function load() {
  refs.listStatus.replaceChildren(el('p', { class: 'busy' }, 'Loading your profiles…'));
  try {
    const answer = await api('GET', '/v1/profiles');
    const names = answer?.profiles ?? [];
    state.loaded = true;
    refs.select.replaceChildren(...names.map((name) => el('option', { value: name }, name)));
    if (!names.length) {
      refs.select.append(el('option', { value: '' }, '(none)'));
      refs.listStatus.replaceChildren(el('p', { class: 'notice' }, 'This caller may use no signing profile: an operator '
        + 'must name it in the clients or jwt-clients of a profile first.'));
      return;
    }
    refs.listStatus.replaceChildren(el('p', { class: 'help' },
      `You may use ${names.length === 1 ? 'one profile' : `${names.length} profiles`}: ${names.join(', ')}.`));
    const chosen = names.includes('default') ? 'default' : names[0];
    refs.select.value = chosen;
    await describe(chosen);
  } catch (failure) {
    renderProblem(refs.listStatus, failure);
  }
}

async function describe(name) {
  const lookup = ++lookups;
  state.profile = null;
  refs.description.removeAttribute('data-profile');
  refs.description.replaceChildren();
  refs.result.replaceChildren();
  refs.snippets.replaceChildren();
  if (!name) return;
  try {
    const profile = await api('GET', `/v1/profiles/${encodeURIComponent(name)}`);
    if (lookup !== lookups) return;
    state.profile = profile;
    refs.description.dataset.profile = profile.name;
    refs.description.replaceChildren(...description(profile));
    refs.resourceType.replaceChildren(...profile.resource_types.map((type) => el('option', { value: type }, type)));
    refs.explain.disabled = !profile.explain;
    refs.explain.checked = Boolean(profile.explain);
    refs.explainHelp.textContent = profile.explain
      ? 'This profile allows explain mode: the answer shows the exact string Signet hashed, the secret shown as <api_secret>.'
      : 'This profile does not allow explain mode (explain: false in its settings): Signet signs but does not show the string.';
    refs.snippets.replaceChildren(...snippets(profile, currentParams()));
  } catch (failure) {
    if (lookup === lookups) renderProblem(refs.description, failure);
  }
}

function description(profile) {
  const forced = Object.entries(profile.forced ?? {});
  const allowed = Object.entries(profile.allowed ?? {});
  return [
    el('dl', { class: 'facts-grid' },
      el('dt', {}, 'Cloud name'), el('dd', {}, el('code', {}, profile.cloud_name)),
      el('dt', {}, 'API key'), el('dd', {}, el('code', {}, profile.api_key)),
      el('dt', {}, 'Algorithm'), el('dd', {}, profile.signature_algorithm),
      el('dt', {}, 'Resource types'), el('dd', {}, profile.resource_types.join(', ')),
      el('dt', {}, 'Signatures valid for'), el('dd', {}, `${profile.validity_seconds} s`),
      el('dt', {}, 'Explain mode'), el('dd', {}, profile.explain ? 'allowed' : 'not allowed')),
    el('div', { class: 'two' },
      el('div', {},
        el('h3', {}, 'Always signed (forced)'),
        forced.length ? el('table', { class: 'rules', 'data-testid': 'forced' },
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Parameter'), el('th', { scope: 'col' }, 'Value for you'))),
          el('tbody', {}, ...forced.map(([name, value]) => el('tr', { 'data-param': name },
            el('th', { scope: 'row' }, el('code', {}, name)), el('td', {}, el('code', {}, value))))))
          : el('p', { class: 'help' }, 'Nothing is forced.')),
      el('div', {},
        el('h3', {}, 'You may send'),
        allowed.length ? el('table', { class: 'rules', 'data-testid': 'allowed' },
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Parameter'), el('th', { scope: 'col' }, 'Rule'))),
          el('tbody', {}, ...allowed.map(([name, rule]) => el('tr', { 'data-param': name },
            el('th', { scope: 'row' }, el('code', {}, name)), el('td', {}, ruleWords(rule))))))
          : el('p', { class: 'help' }, 'No parameter of your own: only the forced ones and the timestamp are signed.'))),
  ];
}

function ruleWords(rule) {
  const words = [rule.kind];
  if (rule.values) words.push(`one of ${rule.values.join(', ')}`);
  if (rule.pattern) words.push(`matching ${rule.pattern}`);
  if (rule.max_length) words.push(`at most ${rule.max_length} characters`);
  if (rule.max_items) words.push(`a list of at most ${rule.max_items}`);
  if (rule.item_pattern) words.push(`each item matching ${rule.item_pattern}`);
  if (rule.context_keys) words.push(`keys ${rule.context_keys.join(', ')}`);
  return words.join(', ');
}

function currentParams() {
  const text = refs.params.value.trim();
  if (!text) return {};
  try {
    const json = JSON.parse(text);
    return json && typeof json === 'object' && !Array.isArray(json) ? json : {};
  } catch {
    return {};
  }
}

async function sign() {
  const profile = state.profile;
  if (!profile) {
    refs.result.replaceChildren(localProblem(hasCredential() ? 'Pick a profile first.'
      : 'Paste an API key or a bearer token above, press Use, then pick a profile.'));
    return;
  }
  let params = {};
  const text = refs.params.value.trim();
  if (text) {
    try {
      params = JSON.parse(text);
    } catch (error) {
      refs.result.replaceChildren(localProblem(`The parameters are not valid JSON (${error.message}). `
        + 'Write them as {"name": "value", …}.'));
      return;
    }
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      refs.result.replaceChildren(localProblem('The parameters must be one JSON object, such as {"public_id": "cat"}.'));
      return;
    }
  }
  const body = { profile: profile.name, params, resource_type: refs.resourceType.value };
  if (refs.explain.checked && !refs.explain.disabled) body.explain = true;
  refs.result.replaceChildren(el('p', { class: 'busy' }, 'Signing…'));
  try {
    const signed = await api('POST', '/v1/signatures', body);
    refs.result.replaceChildren(...signedView(profile, params, signed));
    // The snippets take the parameters Signet accepted, never refused ones.
    refs.snippets.replaceChildren(...snippets(profile, params));
  } catch (failure) {
    renderProblem(refs.result, failure);
    const refused = refs.result.querySelector('[data-testid=problem]');
    if (refused) refused.prepend(el('p', { class: 'problem-lead', 'data-testid': 'refused' }, 'Signet refused to sign.'));
  }
}

function posted(value) {
  if (Array.isArray(value)) return value.join(',');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function signedView(profile, sent, signed) {
  const forced = profile.forced ?? {};
  const names = [...new Set([...Object.keys(sent), ...Object.keys(signed.params)])].sort();
  const rows = names.map((name) => {
    const mine = Object.hasOwn(sent, name) ? posted(sent[name]) : undefined;
    const theirs = signed.params[name];
    let status;
    let words;
    if (mine === undefined && name === 'timestamp') {
      status = 'added';
      words = 'Added: Signet stamps the time itself';
    } else if (mine === undefined && name === 'overwrite') {
      status = 'added';
      words = 'Added: Signet signs overwrite=false with a chosen public_id, so an upload never overwrites';
    } else if (name === 'context' && (theirs ?? '').includes('signet_upload_id=') && mine !== theirs) {
      status = mine === undefined ? 'added' : 'rewritten';
      words = 'Signet adds signet_upload_id to follow the upload to its asset (GET /v1/uploads/' + (signed.upload_id ?? '…') + ')';
    } else if (mine === undefined && Object.hasOwn(forced, name)) {
      status = 'added';
      words = 'Added: forced by the profile';
    } else if (mine === undefined) {
      status = 'added';
      words = 'Added by Signet';
    } else if (theirs === undefined) {
      status = 'dropped';
      words = 'Not signed';
    } else if (mine === theirs) {
      status = 'kept';
      words = Object.hasOwn(forced, name) ? 'As sent (equal to the forced value)' : 'As sent';
    } else {
      status = 'rewritten';
      words = 'Written the way Cloudinary must receive it';
    }
    return el('tr', { 'data-param': name, 'data-status': status, class: `status-${status}` },
      el('th', { scope: 'row' }, el('code', {}, name)),
      el('td', {}, mine === undefined ? el('span', { class: 'absent' }, '—') : el('code', {}, mine)),
      el('td', {}, theirs === undefined ? el('span', { class: 'absent' }, '—') : el('code', {}, theirs)),
      el('td', {}, words));
  });
  const nodes = [
    el('p', { class: 'verdict verdict-signed', 'data-testid': 'signed' },
      `Signed with profile ${signed.profile}: post these fields, api_key, signature and the file to `,
      el('code', {}, signed.upload_url), ` before ${signed.expires_at}.`),
    el('table', { class: 'compare', 'data-testid': 'signed-params' },
      el('caption', {}, 'What Signet signs, against what you sent'),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, 'Parameter'), el('th', { scope: 'col' }, 'You sent'),
        el('th', { scope: 'col' }, 'Signet signs'), el('th', { scope: 'col' }, 'What happened'))),
      el('tbody', {}, ...rows)),
    el('dl', { class: 'facts-grid' },
      el('dt', {}, 'Signature'), el('dd', {}, el('code', { 'data-testid': 'signature' }, signed.signature)),
      el('dt', {}, 'Algorithm'), el('dd', {}, signed.signature_algorithm),
      el('dt', {}, 'API key'), el('dd', {}, el('code', {}, signed.api_key))),
  ];
  if (signed.string_to_sign) {
    nodes.push(el('h3', {}, 'The string Signet hashed'),
      el('pre', { class: 'string-to-sign', 'data-testid': 'string-to-sign' }, el('code', {}, signed.string_to_sign)),
      el('p', { class: 'help' }, 'The secret is shown as <api_secret>; Signet never sends it.'));
  }
  return nodes;
}

function snippets(profile, params) {
  const origin = location.origin;
  const name = profile.name;
  const widgetOptions = { ...profile.widget_options };
  const uuid = Object.values(profile.forced ?? {}).some((value) => String(value).includes('{uuid}'));
  const { cloudName, apiKey, ...nextOptions } = widgetOptions;
  const paramsText = JSON.stringify(params ?? {});
  const fetchSnippet = `// 1. Ask Signet to sign the upload (from your page with the user's token, or from your backend).
const response = await fetch('${origin}/v1/signatures', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: \`Bearer \${accessToken}\` },
  body: JSON.stringify({ profile: '${name}', resource_type: '${profile.resource_types[0]}', params: ${paramsText} }),
});
const signed = await response.json();
if (!response.ok) throw new Error(\`Signet refused: \${signed.detail}\`);
// 2. Post exactly what Signet signed, with the file, straight to Cloudinary.
const form = new FormData();
for (const [name, value] of Object.entries(signed.params)) form.append(name, value);
form.append('api_key', signed.api_key);
form.append('signature', signed.signature);
form.append('file', file);
const uploaded = await (await fetch(signed.upload_url, { method: 'POST', body: form })).json();`;
  const widgetSnippet = `// <script src="https://upload-widget.cloudinary.com/latest/global/all.js"></script>
const widget = cloudinary.createUploadWidget({
${Object.entries(widgetOptions).map(([key, value]) => `  ${key}: ${JSON.stringify(value)},`).join('\n')}
  // The widget asks for a signature of its own parameters (source=uw, its timestamp, ...).
  uploadSignature: (callback, paramsToSign) => {
    fetch('${origin}/v1/signatures/widget?profile=${encodeURIComponent(name)}', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: \`Bearer \${accessToken}\` },
      body: JSON.stringify({ paramsToSign }),
    })
      .then((r) => r.json().then((body) => (r.ok ? callback(body.signature) : Promise.reject(new Error(body.detail)))))
      .catch((error) => console.error('Signet refused:', error.message));
  },
}, (error, result) => { if (result?.event === 'success') console.log(result.info.public_id); });
widget.open();`;
  const nextSnippet = `// app/api/sign-cloudinary-params/route.js: your backend checks the user's session, then asks Signet.
export async function POST(request) {
  const { paramsToSign } = await request.json();
  const response = await fetch(\`\${process.env.SIGNET_URL}/v1/signatures/widget?profile=${encodeURIComponent(name)}\`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': process.env.SIGNET_API_KEY },
    body: JSON.stringify({ paramsToSign }),
  });
  return new Response(await response.text(), { status: response.status, headers: { 'Content-Type': 'application/json' } });
}

// In a page; .env: NEXT_PUBLIC_CLOUDINARY_CLOUD_NAME=${cloudName}, NEXT_PUBLIC_CLOUDINARY_API_KEY=${apiKey}
import { CldUploadWidget } from 'next-cloudinary';

<CldUploadWidget signatureEndpoint="/api/sign-cloudinary-params" options={${JSON.stringify(nextOptions)}}>
  {({ open }) => <button onClick={() => open()}>Upload</button>}
</CldUploadWidget>`;
  const nodes = [
    snippet('fetch', 'fetch (any browser or Node 18+)', fetchSnippet),
    snippet('widget', 'Upload Widget options', widgetSnippet),
    snippet('next-cloudinary', 'next-cloudinary (CldUploadWidget)', nextSnippet),
  ];
  if (uuid) {
    nodes.splice(1, 0, el('p', { class: 'notice' }, 'This profile forces a value with {uuid}: the widget and '
      + 'next-cloudinary post their own parameters, so they cannot use it (Signet would choose the UUID). Use fetch.'));
  }
  return nodes;
}

function snippet(id, title, code) {
  return el('div', { class: 'snippet', 'data-snippet': id },
    el('div', { class: 'snippet-head' }, el('h4', {}, title), copyButton('Copy', () => code, `Copy the ${title} snippet`)),
    el('pre', {}, el('code', {}, code)));
}

function localProblem(words) {
  return el('div', { class: 'problem', role: 'alert', 'data-testid': 'problem' },
    el('p', { class: 'problem-headline', 'data-testid': 'problem-headline' }, 'Nothing was sent to Signet'),
    el('p', { class: 'problem-detail', 'data-testid': 'problem-detail' }, words));
}
