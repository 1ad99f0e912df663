// A small client for Signet: ask for a signature, upload straight to Cloudinary, and sign for the
// Upload Widget. No secret and no long-lived key ever reaches the browser: calls carry either a
// short-lived access token (Authorization: Bearer) or go to the page's own backend route, which adds
// a trusted API key. The regions marked below are quoted verbatim in docs/clients.md.

/** A refusal from Signet (its application/problem+json body) or a failure to reach it. */
export class SignetError extends Error {
  constructor(problem, status) {
    super(problem.detail ?? problem.title ?? `Signet answered ${status}`);
    this.name = 'SignetError';
    this.status = status;
    this.problem = problem;
  }
}

/** Cloudinary's (or the stand-in's) refusal of an upload: its error.message. */
export class UploadError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'UploadError';
    this.status = status;
  }
}

// #region client
/**
 * config.signetUrl: Signet's base URL, or the page's own backend route that forwards to Signet.
 * config.getAccessToken: optional async function returning a short-lived access token (OIDC);
 * leave it out when a same-origin backend route adds the API key.
 */
export function createSignetClient({ signetUrl, getAccessToken }) {
  async function call(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (getAccessToken) headers.Authorization = `Bearer ${await getAccessToken()}`;
    let response;
    try {
      response = await fetch(signetUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      // The browser hides the reason; a missing CORS allowance looks exactly like a network error.
      throw new SignetError({
        title: 'Signet could not be reached',
        detail: `Signet could not be reached from ${window.location.origin}: the network failed or this origin `
          + 'is not in SIGNET_CORS_ALLOWED_ORIGINS.',
      }, 0);
    }
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new SignetError(json, response.status);
    return json;
  }
  return {
    /** POST /v1/signatures: Signet stamps the timestamp and answers with upload_url and params. */
    sign: (params, { profile, resourceType } = {}) =>
      call('POST', '/v1/signatures', { params, profile, resource_type: resourceType }),
    /** POST /v1/signatures/widget: the Upload Widget's own parameters, signed as given. */
    signWidget: (paramsToSign, profile) =>
      call('POST', `/v1/signatures/widget${profile ? `?profile=${encodeURIComponent(profile)}` : ''}`, { paramsToSign }),
    /** GET /v1/profiles/{name}: cloud name, API key, forced values and ready-made widget options. */
    profile: (name) => call('GET', `/v1/profiles/${encodeURIComponent(name)}`),
    /** POST /v1/uploads: an upload session for one big file (upload_id, chunk_size, first signature). */
    beginUpload: (params, { profile, resourceType, bytes, filename, contentType } = {}) =>
      call('POST', '/v1/uploads', {
        params, profile, resource_type: resourceType, bytes, filename, content_type: contentType,
      }),
    /** POST /v1/uploads/{id}/signature: the session's parameters with a fresh timestamp and signature. */
    resign: (uploadId) => call('POST', `/v1/uploads/${encodeURIComponent(uploadId)}/signature`, {}),
    /** DELETE /v1/uploads/{id}: finishes the session; Signet signs nothing more for it. */
    finish: (uploadId) => call('DELETE', `/v1/uploads/${encodeURIComponent(uploadId)}`),
  };
}
// #endregion client

// #region upload
/**
 * Posts the file with exactly the fields Signet signed (signed.params), plus api_key and signature,
 * straight to signed.upload_url. XMLHttpRequest rather than fetch, for upload progress events.
 */
export function uploadToCloudinary(signed, file, onProgress = () => {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(signed.params)) form.append(name, value);
  form.append('api_key', signed.api_key);
  form.append('signature', signed.signature);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', signed.upload_url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body);
      } else {
        reject(new UploadError(body.error?.message ?? `Upload failed with HTTP ${xhr.status}`, xhr.status));
      }
    };
    xhr.onerror = () => reject(new UploadError('The upload could not reach Cloudinary (network error).', 0));
    xhr.send(form);
  });
}
// #endregion upload

// #region chunked
/**
 * Uploads a big file in parts through an upload session (session = signet.beginUpload(...)): each
 * part goes to session.upload_url with the same X-Unique-Upload-Id and its own Content-Range, signed
 * over the session's parameters. One part at a time, so the last goes after the others returned.
 * Cloudinary checks every part's own signature: before a part whose signature arrived more than
 * resignAfterSeconds ago (by the page's clock, so neither clock skew nor a back-dated timestamp
 * fools it), and before retrying a part that met a network error, it asks Signet for a fresh one.
 */
export async function uploadInParts(signet, session, file, { onPart = () => {}, resignAfterSeconds = 60, now = Date.now } = {}) {
  const size = session.chunk_size;
  const parts = Math.max(1, Math.ceil(file.size / size));
  let signed = session;
  let signedAt = now();
  const resign = async () => {
    signed = await signet.resign(session.upload_id);
    signedAt = now();
  };
  let result;
  for (let part = 1; part <= parts; part++) {
    const start = (part - 1) * size;
    const end = Math.min(start + size, file.size) - 1;
    const send = () => postPart(signed, session.upload_id, file.slice(start, end + 1), file.name,
      `bytes ${start}-${end}/${file.size}`);
    if (now() - signedAt > resignAfterSeconds * 1000) await resign();
    try {
      result = await send();
    } catch (error) {
      if (error.status !== 0) throw error; // refused: the same part again would be refused again
      await resign();
      result = await send();
    }
    onPart({ part, parts, bytes: end + 1, total: file.size });
  }
  await signet.finish(session.upload_id);
  return result; // the last part's answer: public_id, version, bytes, ...
}

async function postPart(signed, uploadId, chunk, filename, contentRange) {
  const form = new FormData();
  for (const [name, value] of Object.entries(signed.params)) form.append(name, value);
  form.append('api_key', signed.api_key);
  form.append('signature', signed.signature);
  form.append('file', chunk, filename);
  let response;
  try {
    response = await fetch(signed.upload_url, {
      method: 'POST',
      headers: { 'X-Unique-Upload-Id': uploadId, 'Content-Range': contentRange },
      body: form,
    });
  } catch {
    throw new UploadError(`A part (${contentRange}) could not reach Cloudinary (network error).`, 0);
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new UploadError(body.error?.message ?? `A part failed with HTTP ${response.status}`, response.status);
  return body;
}
// #endregion chunked

// #region widget
/**
 * The Upload Widget's uploadSignature option: the widget calls it with the exact parameters it
 * will post (its own timestamp and source=uw included) and posts the signature we hand back.
 * On a refusal the widget gets no signature and onError gets Signet's detail.
 */
export function widgetUploadSignature(signet, { profile, onError = () => {} } = {}) {
  return (callback, paramsToSign) => {
    signet.signWidget(paramsToSign, profile)
      .then(({ signature }) => callback(signature))
      .catch((error) => {
        onError(error);
        callback(null, error);
      });
  };
}
// #endregion widget

// #region token
/** Caches a short-lived access token from tokenUrl (answering {access_token, expires_in}). */
export function tokenFrom(tokenUrl) {
  let token = null;
  let expiresAt = 0;
  return async () => {
    if (token && Date.now() < expiresAt - 30_000) return token;
    const response = await fetch(tokenUrl, { method: 'POST', credentials: 'same-origin' });
    if (!response.ok) throw new SignetError({ detail: `Sign-in failed (${response.status}).` }, response.status);
    const body = await response.json();
    token = body.access_token;
    expiresAt = Date.now() + (body.expires_in ?? 60) * 1000;
    return token;
  };
}
// #endregion token

/** Where the Upload Widget script is loaded from (Cloudinary's CDN). */
export const WIDGET_SCRIPT = 'https://upload-widget.cloudinary.com/latest/global/all.js';

/** Loads the Upload Widget script once; resolves with window.cloudinary. */
export function loadUploadWidget() {
  if (window.cloudinary?.createUploadWidget) return Promise.resolve(window.cloudinary);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = WIDGET_SCRIPT;
    script.async = true;
    script.onload = () => resolve(window.cloudinary);
    script.onerror = () => reject(new Error(`The Upload Widget script could not be loaded from ${WIDGET_SCRIPT}.`));
    document.head.appendChild(script);
  });
}
