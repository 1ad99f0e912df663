// Why the Cloudinary Node SDK's upload_large cannot upload in parts with Signet's signature: given
// `signature` in its options, call_api posts utils.process_request_params(params, options), which
// is clear_blank(options), the whole options object. upload_chunked_stream has put stream,
// x_unique_upload_id and content_range (per part) there, upload_large filename and resource_type,
// and the caller chunk_size, so every part posts fields Signet never signed; the per-part
// `params.timestamp = utils.timestamp()` goes to the discarded params, so no part is ever re-signed.
// Input: {signetUrl, apiKey, profile, resourceType, params, file, cloudName, cloudinaryApiKey, uploadPrefix}
// Output (last line): {session, error, result}
const input = JSON.parse(process.argv[2]);
process.env.CLOUDINARY_URL = `cloudinary://${input.cloudinaryApiKey}@${input.cloudName}?upload_prefix=${input.uploadPrefix}`;
const { v2: cloudinary } = await import('cloudinary');

const headers = { 'Content-Type': 'application/json', 'X-Api-Key': input.apiKey };
const response = await fetch(`${input.signetUrl}/v1/uploads`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ profile: input.profile, resource_type: input.resourceType, params: input.params,
    bytes: (await import('node:fs')).statSync(input.file).size }),
});
const session = await response.json();
if (!response.ok) throw new Error(`Signet refused: ${session.detail}`);
const outcome = await new Promise((resolve) => {
  cloudinary.uploader.upload_large(input.file, {
    ...session.params,
    signature: session.signature,
    api_key: session.api_key,
    resource_type: input.resourceType,
    chunk_size: session.chunk_size,
  }, (error, result) => resolve({ error, result }));
});
await fetch(`${input.signetUrl}/v1/uploads/${session.upload_id}`, { method: 'DELETE', headers });
console.log(JSON.stringify({ session, ...outcome }));
