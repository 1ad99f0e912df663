// The official Cloudinary Node SDK as a client of Signet: a Node backend or script that holds no API
// secret gets a signature from Signet and uploads with cloudinary.uploader.upload, the way the SDK's
// users pass a ready signature (the SDK then posts the options as they are, without signing).
// Input: {signetUrl, apiKey, params, file, cloudName, cloudinaryApiKey, uploadPrefix}
// Output (last line): {signed, result}
const input = JSON.parse(process.argv[2]);
// The SDK reads its upload host when it loads: no secret here, only the API key and cloud name, and
// upload_prefix pointing at the local Cloudinary stand-in (in production leave upload_prefix out).
process.env.CLOUDINARY_URL = `cloudinary://${input.cloudinaryApiKey}@${input.cloudName}?upload_prefix=${input.uploadPrefix}`;
const { v2: cloudinary } = await import('cloudinary');
const SIGNET_URL = input.signetUrl;
const SIGNET_API_KEY = input.apiKey;
const file = input.file;
const params = input.params; // e.g. {folder: 'reports', public_id: 'q3', overwrite: false}

// #region node-sdk
const response = await fetch(`${SIGNET_URL}/v1/signatures`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'X-Api-Key': SIGNET_API_KEY },
  body: JSON.stringify({ params }),
});
const signed = await response.json();
if (!response.ok) throw new Error(`Signet refused: ${signed.detail}`);
// Post exactly what Signet signed; with a signature the SDK signs nothing itself.
const result = await cloudinary.uploader.upload(file, {
  ...signed.params,
  signature: signed.signature,
  api_key: signed.api_key,
});
// #endregion node-sdk
console.log(JSON.stringify({ signed, result }));
