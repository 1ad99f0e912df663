// next-cloudinary's own signing callback, generateSignatureCallback from @cloudinary-util/url-loader
// (what <CldUploadWidget> runs), called the way the Upload Widget calls uploadSignature: with
// widget-shaped paramsToSign (source=uw, the widget's own timestamp, folder, upload_preset). Its
// signatureEndpoint alone cannot send credentials, so it gets a fetch that adds them and turns
// Signet's refusals into errors. The widget's upload is then replayed against the Cloudinary stand-in.
// Input: {signatureEndpoint, token, cloudName, apiKey, folder, uploadPreset, uploadPrefix, file, signatureEndpointPropOnly}
// Output (last line): {widgetOptions, paramsToSign, signature, error, upload: {status, body}}
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { generateSignatureCallback, getUploadWidgetOptions } from '@cloudinary-util/url-loader';

const input = JSON.parse(process.argv[2]);
const getAccessToken = async () => input.token; // your app's sign-in (OIDC) gives this
const SIGNATURE_ENDPOINT = input.signatureEndpoint; // e.g. https://signet.example.com/v1/signatures/widget?profile=widget-page

// #region next-cloudinary
// A fetch for generateSignatureCallback: adds the caller's credentials and turns Signet's
// problem+json refusals into errors (plain fetch would hand the widget an undefined signature).
async function signetFetch(url, init) {
  const response = await fetch(url, {
    ...init,
    headers: { ...init.headers, Authorization: `Bearer ${await getAccessToken()}` },
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail ?? `Signet answered ${response.status}`);
  }
  return response;
}

const uploadSignature = generateSignatureCallback({
  signatureEndpoint: SIGNATURE_ENDPOINT,
  fetch: signetFetch,
});
// In a Next.js page: <CldUploadWidget options={{ uploadSignature, folder, uploadPreset }} />
// #endregion next-cloudinary

// What CldUploadWidget builds from its props: with only signatureEndpoint={...} it passes plain fetch;
// options.uploadSignature is spread after its own and wins.
const viaProp = generateSignatureCallback({ signatureEndpoint: input.signatureEndpoint, fetch });
const widgetOptions = getUploadWidgetOptions(
  { uploadPreset: input.uploadPreset, uploadSignature: input.signatureEndpointPropOnly ? viaProp : uploadSignature, folder: input.folder },
  { cloud: { cloudName: input.cloudName, apiKey: input.apiKey } },
);

// The widget: sign its own parameters, then post them with the file.
const paramsToSign = { source: 'uw', timestamp: Math.round(Date.now() / 1000) };
if (widgetOptions.folder) paramsToSign.folder = widgetOptions.folder;
if (widgetOptions.uploadPreset) paramsToSign.upload_preset = widgetOptions.uploadPreset;
const { signature, error } = await new Promise((resolve) =>
  widgetOptions.uploadSignature((value, failure) => resolve({ signature: value, error: failure?.message }), paramsToSign));
const output = { widgetOptions: { ...widgetOptions, uploadSignature: typeof widgetOptions.uploadSignature }, paramsToSign, signature, error };
if (signature) {
  const form = new FormData();
  for (const [name, value] of Object.entries(paramsToSign)) form.append(name, String(value));
  form.append('api_key', widgetOptions.apiKey);
  form.append('signature', signature);
  form.append('file', new Blob([await readFile(input.file)], { type: 'image/png' }), basename(input.file));
  const response = await fetch(`${input.uploadPrefix}/v1_1/${widgetOptions.cloudName}/auto/upload`, { method: 'POST', body: form });
  output.upload = { status: response.status, body: await response.json() };
}
console.log(JSON.stringify(output));
