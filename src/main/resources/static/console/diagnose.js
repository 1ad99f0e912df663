// "Why is my signature invalid?": Cloudinary's error text and the parameters that were signed or
// posted, sent to POST /v1/diagnostics/invalid-signature; Cloudinary's string to sign and the one
// the parameters make, aligned side by side, every difference marked, with the verdict and hints.
import { api, el, registerTab, renderProblem } from '/console/console.js';

/** Never part of the string to sign (docs/api.md, "Signing rules"). */
const NEVER_SIGNED = new Set(['file', 'cloud_name', 'resource_type', 'api_key', 'signature']);

const KIND_WORDS = {
  same: 'Same',
  extra: 'Cloudinary received it, but it was not signed',
  missing: 'Signed, but Cloudinary did not receive it',
  changed: 'The value differs',
  escaping: 'Same value, escaped differently',
  never: 'Never signed: Cloudinary leaves it out of the string',
};

registerTab({ id: 'diagnose', label: 'Why is my signature invalid?', render });

function render(panel) {
  const error = el('textarea', {
    id: 'diag-error', name: 'error', rows: '3', spellcheck: 'false', required: true,
    placeholder: "Invalid Signature 2f60…. String to sign - 'folder=x&source=uw&timestamp=1709830648'.",
    'aria-describedby': 'diag-error-help',
  });
  const params = el('textarea', {
    id: 'diag-params', name: 'params', rows: '5', spellcheck: 'false',
    placeholder: '{"folder": "x", "timestamp": 1709830648}', 'aria-describedby': 'diag-params-help',
  });
  const algorithm = el('select', { id: 'diag-algorithm', name: 'signature_algorithm' },
    el('option', { value: '' }, 'Not known'),
    el('option', { value: 'sha1' }, 'SHA-1 (the default)'),
    el('option', { value: 'sha256' }, 'SHA-256'));
  const output = el('div', { id: 'diag-output', class: 'output', 'aria-live': 'polite', 'data-testid': 'diag-output' });
  const form = el('form', { id: 'diag-form', class: 'stack', novalidate: true },
    el('div', { class: 'field' },
      el('label', { for: 'diag-error' }, 'Cloudinary’s error text'),
      error,
      el('p', { id: 'diag-error-help', class: 'help' },
        'The message as Cloudinary sent it (“Invalid Signature …. String to sign - \'…\'.” or “Stale request - …”), '
        + 'or the whole JSON answer {"error": {"message": …}}.')),
    el('div', { class: 'field' },
      el('label', { for: 'diag-params' }, 'The parameters that were signed or posted'),
      params,
      el('p', { id: 'diag-params-help', class: 'help' },
        'A JSON object, or your own string to sign (name=value&name=value). No secret is needed, and none is sent: '
        + 'leave api_secret out. Empty: only Cloudinary’s side is shown.')),
    el('div', { class: 'field' },
      el('label', { for: 'diag-algorithm' }, 'The account’s signature algorithm'),
      algorithm),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', id: 'diag-submit' }, 'Diagnose')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errorText = extractMessage(error.value);
    if (!errorText) {
      output.replaceChildren(localProblem('Paste Cloudinary’s error text first.'));
      error.focus();
      return;
    }
    let pasted;
    try {
      pasted = parseParams(params.value);
    } catch (problem) {
      output.replaceChildren(localProblem(problem.message));
      params.focus();
      return;
    }
    const body = { error: errorText };
    if (pasted) body.params = pasted.params;
    if (algorithm.value) body.signature_algorithm = algorithm.value;
    output.replaceChildren(el('p', { class: 'busy' }, 'Asking Signet…'));
    try {
      const result = await api('POST', '/v1/diagnostics/invalid-signature', body);
      output.replaceChildren(...show(result, errorText, pasted, algorithm.value));
    } catch (failure) {
      renderProblem(output, failure);
    }
  });
  panel.append(
    el('h2', {}, 'Why is my signature invalid?'),
    el('p', { class: 'lead' }, 'Cloudinary’s answer names the exact string it signed. Paste it with the parameters '
      + 'your code signed, and see both strings side by side with every difference marked.'),
    form, output);
}

/** The message from what was pasted: the text itself, or error.message of Cloudinary's JSON answer. */
function extractMessage(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const json = JSON.parse(trimmed);
      const message = json?.error?.message ?? json?.message;
      if (typeof message === 'string') return message;
    } catch {
      // Not JSON: the text as it is.
    }
  }
  return trimmed;
}

/**
 * The pasted parameters: a JSON object, or a string to sign. Keeps the order they were written in.
 * @returns {{params: Record<string, any>, order: string[]} | null} null when empty
 */
function parseParams(text) {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (trimmed.startsWith('{')) {
    let json;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      throw new Error(`The parameters are not valid JSON (${error.message}). Write them as {"name": "value", …}, `
        + 'or as name=value&name=value.');
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new Error('The parameters must be one JSON object, such as {"folder": "x", "timestamp": 1709830648}.');
    }
    return { params: json, order: Object.keys(json), kind: 'json' };
  }
  const params = {};
  const order = [];
  for (const pair of trimmed.replace(/^'|'$/g, '').split('&')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      throw new Error(`“${pair.slice(0, 40)}” is not name=value. Write the parameters as name=value&name=value, `
        + 'or as a JSON object.');
    }
    const name = pair.slice(0, equals);
    params[name] = pair.slice(equals + 1);
    order.push(name);
  }
  return { params, order, kind: 'string' };
}

/** name=value pairs of a string to sign, in its order. */
function pairs(stringToSign) {
  const map = new Map();
  if (!stringToSign) return map;
  for (const pair of stringToSign.split('&')) {
    const equals = pair.indexOf('=');
    if (equals > 0) map.set(pair.slice(0, equals), pair.slice(equals + 1));
  }
  return map;
}

function decoded(value) {
  let text = value.replace(/\+/g, ' ');
  try {
    text = decodeURIComponent(text);
  } catch {
    // Not URL-encoded.
  }
  return text.replace(/%26/g, '&');
}

/** The signature in Cloudinary's text, to tell SHA-1 (40 hex characters) from SHA-256 (64). */
function sentSignature(errorText) {
  const match = /Invalid Signature\s+(\S*?)\.?\s+String to sign/.exec(errorText);
  return match ? match[1] : null;
}

function show(result, errorText, pasted, accountAlgorithm) {
  const nodes = [];
  nodes.push(el('div', { class: `verdict verdict-${result.verdict}`, 'data-testid': 'verdict', 'data-verdict': result.verdict },
    el('p', { class: 'verdict-title' }, verdictTitle(result.verdict)),
    el('p', { 'data-testid': 'summary' }, result.summary)));
  nodes.push(facts(result, errorText, accountAlgorithm));
  if (result.cloudinary_string_to_sign !== undefined && result.cloudinary_string_to_sign !== null) {
    nodes.push(...comparison(result, pasted));
  }
  if (result.hints?.length) {
    nodes.push(el('h3', {}, 'What to do'),
      el('ul', { class: 'hints', 'data-testid': 'hints' }, ...result.hints.map((hint) => el('li', {}, hint))));
  }
  return nodes;
}

function verdictTitle(verdict) {
  return {
    'parameters-differ': 'What was signed is not what Cloudinary received.',
    'same-parameters': 'The parameters match: the secret, the API key or the algorithm differs.',
    'cloudinary-string-only': 'This is what Cloudinary signed.',
    stale: 'The timestamp is too old.',
  }[verdict] ?? verdict;
}

function facts(result, errorText, accountAlgorithm) {
  const list = el('ul', { class: 'facts', 'data-testid': 'facts' });
  if (result.timestamp !== undefined && result.timestamp !== null) {
    const age = result.timestamp_age_seconds;
    const digits = String(result.timestamp).length;
    let words;
    let bad = false;
    if (digits === 13) {
      words = `${digits} digits: milliseconds, where Cloudinary wants UNIX time in seconds`;
      bad = true;
    } else if (age > 3600) {
      words = `${describeAge(age)} old: more than the one hour Cloudinary accepts`;
      bad = true;
    } else if (age < -60) {
      words = `${describeAge(-age)} in the future: check the clock where it was made`;
      bad = true;
    } else {
      words = `${describeAge(Math.max(age, 0))} old: within the hour Cloudinary accepts`;
    }
    list.append(el('li', { class: bad ? 'fact bad' : 'fact', 'data-testid': 'timestamp-age', 'data-bad': String(bad) },
      'Timestamp ', el('code', {}, String(result.timestamp)), `: ${words}.`));
  }
  const signature = sentSignature(errorText);
  if (signature !== null) {
    const guessed = result.signature_algorithm;
    const name = { sha1: 'SHA-1', sha256: 'SHA-256' }[guessed];
    const mismatch = Boolean(guessed && accountAlgorithm && guessed !== accountAlgorithm);
    const words = name ? `${signature.length} hex characters: ${name}`
      : `${signature.length} characters: masked or not a hex signature, so its algorithm cannot be told`;
    list.append(el('li', { class: mismatch ? 'fact bad' : 'fact', 'data-testid': 'algorithm', 'data-bad': String(mismatch) },
      `The signature Cloudinary got has ${words}`,
      mismatch ? `, but the account uses ${accountAlgorithm === 'sha1' ? 'SHA-1' : 'SHA-256'}.` : '.'));
  }
  return list;
}

function describeAge(seconds) {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

function comparison(result, pasted) {
  const theirs = pairs(result.cloudinary_string_to_sign);
  const mine = pairs(result.signed_string_to_sign ?? '');
  const unsigned = new Set(result.unsigned_params ?? []);
  const missing = new Set(result.missing_params ?? []);
  const changed = new Set(result.changed_params ?? []);
  const never = pasted ? pasted.order.filter((name) => NEVER_SIGNED.has(name)) : [];
  const names = [...new Set([...theirs.keys(), ...mine.keys()])].sort();
  const rows = names.map((name) => {
    const a = theirs.get(name);
    const b = mine.get(name);
    let kind = 'same';
    if (!pasted) kind = 'same';
    else if (unsigned.has(name) || (a !== undefined && b === undefined)) kind = 'extra';
    else if (missing.has(name) || (a === undefined && b !== undefined)) kind = 'missing';
    else if (a !== b) kind = (changed.has(name) && decoded(a) !== decoded(b)) ? 'changed' : 'escaping';
    return { name, a, b, kind };
  });
  never.forEach((name) => rows.push({ name, a: undefined, b: undefined, kind: 'never' }));

  // Order: Cloudinary sorts by name. A pasted string to sign in another order was built by hand
  // without sorting (a JSON object's order does not matter: the SDKs and Signet sort).
  const signedOrder = pasted?.kind === 'string' ? pasted.order.filter((name) => !NEVER_SIGNED.has(name)) : [];
  const sortedOrder = [...signedOrder].sort();
  const moved = new Set(signedOrder.filter((name, i) => sortedOrder[i] !== name));
  const theirOrder = [...theirs.keys()];
  const theirsSorted = theirOrder.every((name, i) => i === 0 || theirOrder[i - 1] <= name);

  const ageBad = result.timestamp_age_seconds > 3600 || result.timestamp_age_seconds < -60
    || String(result.timestamp ?? '').length === 13;

  const nodes = [];
  nodes.push(el('h3', {}, 'The two strings to sign, side by side'));
  nodes.push(el('div', { class: 'strings' },
    el('div', { class: 'string' },
      el('p', { class: 'string-title' }, 'Cloudinary signed'),
      el('pre', { 'data-testid': 'cloudinary-string' }, el('code', {}, ...segments(theirs, rows, 'a')))),
    el('div', { class: 'string' },
      el('p', { class: 'string-title' }, pasted ? 'Your parameters sign' : 'Your parameters sign (none pasted)'),
      el('pre', { 'data-testid': 'signet-string' }, el('code', {}, ...(pasted ? segments(mine, rows, 'b') : ['—']))))));

  const table = el('table', { class: 'compare', 'data-testid': 'compare' },
    el('caption', {}, 'Each parameter of either string, in the order Cloudinary signs them (sorted by name)'),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Parameter'),
      el('th', { scope: 'col' }, 'Cloudinary signed'),
      el('th', { scope: 'col' }, 'You signed'),
      el('th', { scope: 'col' }, 'Difference'))),
    el('tbody', {}, ...rows.map((row) => {
      const notes = [KIND_WORDS[row.kind]];
      if (moved.has(row.name)) notes.push('out of order in what you pasted');
      if (row.name === 'timestamp' && ageBad) notes.push('timestamp out of Cloudinary’s hour');
      const flagged = row.kind !== 'same' || moved.has(row.name) || (row.name === 'timestamp' && ageBad);
      return el('tr', {
        class: `row-${row.kind}${flagged ? ' flagged' : ''}`, 'data-param': row.name, 'data-diff': row.kind,
        'data-order': moved.has(row.name) ? 'moved' : 'kept',
        'data-age': row.name === 'timestamp' && ageBad ? 'bad' : undefined,
      },
      el('th', { scope: 'row' }, el('code', {}, row.name)),
      el('td', {}, value(row.a, row.b, row.kind === 'changed' || row.kind === 'escaping')),
      el('td', {}, pasted ? value(row.b, row.a, row.kind === 'changed' || row.kind === 'escaping') : '—'),
      el('td', { class: 'diff-words' }, notes.join('; ')));
    })));
  nodes.push(table);
  if (moved.size) {
    nodes.push(el('p', { class: 'notice', 'data-testid': 'order' },
      `Your string to sign is not in alphabetical order (${signedOrder.join(', ')}). Cloudinary sorts them by name `
      + 'before signing, and so do its SDKs and Signet: a string to sign built by hand must be sorted too.'));
  }
  if (!theirsSorted) {
    nodes.push(el('p', { class: 'notice' }, 'Cloudinary’s string is not sorted by name: was it edited before pasting?'));
  }
  return nodes;
}

/** The segments of a string to sign, each marked with its parameter's difference. */
function segments(map, rows, side) {
  const out = [];
  let first = true;
  for (const [name, text] of map) {
    const row = rows.find((r) => r.name === name);
    if (!first) out.push('&');
    first = false;
    out.push(el('span', { class: `seg seg-${row?.kind ?? 'same'}`, 'data-param': name }, `${name}=${text}`));
  }
  if (first) out.push('(empty)');
  return out;
}

/** A value, with the characters that differ from the other side marked. */
function value(text, other, mark) {
  if (text === undefined) return el('span', { class: 'absent' }, 'not in this string');
  if (!mark || other === undefined) return el('code', {}, text);
  let start = 0;
  while (start < text.length && start < other.length && text[start] === other[start]) start++;
  let end = 0;
  while (end < text.length - start && end < other.length - start
    && text[text.length - 1 - end] === other[other.length - 1 - end]) end++;
  return el('code', {}, text.slice(0, start),
    el('mark', {}, text.slice(start, text.length - end) || '∅'), text.slice(text.length - end));
}

function localProblem(words) {
  return el('div', { class: 'problem', role: 'alert', 'data-testid': 'problem' },
    el('p', { class: 'problem-headline', 'data-testid': 'problem-headline' }, 'Nothing was sent to Signet'),
    el('p', { class: 'problem-detail', 'data-testid': 'problem-detail' }, words));
}
