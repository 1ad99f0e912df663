// A big file from Node in parts, through a Signet upload session, with plain fetch + FormData + Blob
// (Node 20, no packages). The Cloudinary Node SDK's upload_large / upload_chunked_stream cannot take
// a signature from outside (docs/clients.md#node): it posts fields Signet did not sign and never
// re-signs a part.
// Input: {signetUrl, apiKey, profile, resourceType, params, file, filename, contentType}
// Output (last line): {upload_id, result} with Cloudinary's answer to the last part; when Signet or
// Cloudinary refuses, {refused} with the refusal's JSON, and exit code 22.
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';

const input = JSON.parse(process.argv[2]);
const SIGNET_URL = input.signetUrl;
const SIGNET_API_KEY = input.apiKey;
const path = input.file;
const filename = input.filename ?? basename(path);
const contentType = input.contentType ?? 'application/octet-stream';
const { profile, resourceType, params } = input; // e.g. 'videos', 'video', {folder: 'trips'}

process.on('uncaughtException', (error) => {
  if (!(error instanceof Refusal)) {
    console.error(error);
    process.exit(1);
  }
  console.log(JSON.stringify({ refused: error.json }));
  process.exit(22);
});

// #region node-chunked
class Refusal extends Error { // Signet's or Cloudinary's refusal: printed, exit code 22
  constructor(json) {
    super(JSON.stringify(json));
    this.json = json;
  }
}

async function signet(method, url, body) {
  const response = await fetch(`${SIGNET_URL}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': SIGNET_API_KEY },
    body: body && JSON.stringify(body),
  });
  const json = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Refusal(json); // Signet's problem+json: its detail says what to change
  return json;
}

const file = await openAsBlob(path); // sliced part by part, never read at once
const session = await signet('POST', '/v1/uploads', {
  profile, resource_type: resourceType, params, bytes: file.size, filename, content_type: contentType,
});
const { upload_id: uploadId, chunk_size: chunkSize } = session;
let signed = session;
let result;
try {
  for (let start = 0; start < file.size; start += chunkSize) {
    const end = Math.min(start + chunkSize, file.size) - 1;
    // Cloudinary checks every part's own timestamp: a fresh signature for each part after the
    // first (re-signing spends none of the caller's signatures).
    if (start > 0) signed = await signet('POST', `/v1/uploads/${uploadId}/signature`, {});
    const form = new FormData();
    for (const [name, value] of Object.entries(signed.params)) form.append(name, value);
    form.append('api_key', signed.api_key);
    form.append('signature', signed.signature);
    form.append('file', file.slice(start, end + 1), filename);
    // One part at a time, so the last one goes only after all the others have returned.
    const response = await fetch(signed.upload_url, {
      method: 'POST',
      headers: { 'X-Unique-Upload-Id': uploadId, 'Content-Range': `bytes ${start}-${end}/${file.size}` },
      body: form,
    });
    result = await response.json(); // the last part answers with the uploaded asset
    if (!response.ok) throw new Refusal(result); // Cloudinary's {error: {message}}
  }
} finally {
  // Finish the session however the upload ended: Signet signs nothing more for it.
  await fetch(`${SIGNET_URL}/v1/uploads/${uploadId}`, { method: 'DELETE', headers: { 'X-Api-Key': SIGNET_API_KEY } });
}
console.log(JSON.stringify({ upload_id: uploadId, result }));
// #endregion node-chunked
