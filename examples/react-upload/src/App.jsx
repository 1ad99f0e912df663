import { useEffect, useMemo, useRef, useState } from 'react';
import {
  createSignetClient, loadUploadWidget, tokenFrom, uploadToCloudinary, widgetUploadSignature,
} from './signet.js';

function uploadParams(form) {
  const params = {};
  const folder = form.folder.value.trim();
  const publicId = form.public_id.value.trim();
  const tags = form.tags.value.split(',').map((tag) => tag.trim()).filter(Boolean);
  if (folder) params.folder = folder;
  if (publicId) params.public_id = publicId;
  if (tags.length) params.tags = tags;
  const extra = form.extra.value.trim();
  if (extra) Object.assign(params, JSON.parse(extra));
  return params;
}

function DirectUpload({ signet, profile }) {
  const [state, setState] = useState({ phase: 'idle' });
  const [progress, setProgress] = useState(0);

  async function onSubmit(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = form.file.files[0];
    if (!file) {
      setState({ phase: 'error', message: 'Choose a file first.' });
      return;
    }
    let params;
    try {
      params = uploadParams(form);
    } catch {
      setState({ phase: 'error', message: 'Extra parameters must be a JSON object.' });
      return;
    }
    setProgress(0);
    try {
      setState({ phase: 'signing' });
      const signed = await signet.sign(params, { profile });
      setState({ phase: 'uploading', signed });
      const result = await uploadToCloudinary(signed, file, setProgress);
      setState({ phase: 'done', result });
    } catch (error) {
      setState(failure(error));
    }
  }

  return (
    <section aria-labelledby="direct-title">
      <h2 id="direct-title">Upload straight to Cloudinary</h2>
      <form onSubmit={onSubmit}>
        <label>File <input type="file" name="file" data-testid="file" /></label>
        <label>Folder <input name="folder" defaultValue="examples" /></label>
        <label>Public ID <input name="public_id" placeholder="(Cloudinary picks one)" /></label>
        <label>Tags <input name="tags" placeholder="comma, separated" /></label>
        <label>
          Extra parameters (JSON, Signet decides what is allowed)
          <textarea name="extra" rows="2" placeholder='{"context": "alt=A cat"}' />
        </label>
        <button type="submit" disabled={state.phase === 'signing' || state.phase === 'uploading'}>Upload</button>
      </form>
      <p>
        <progress data-testid="progress" max="1" value={progress} /> <span data-testid="percent">{Math.round(progress * 100)}%</span>
      </p>
      <Status state={state} />
    </section>
  );
}

/** What the page shows for a failure: who refused, and their own words. */
function failure(error) {
  let label;
  if (error.name === 'SignetError' && error.status) label = `Signet refused (HTTP ${error.status}):`;
  if (error.name === 'UploadError' && error.status) label = `Cloudinary refused the upload (HTTP ${error.status}):`;
  return { phase: 'error', message: error.message, label };
}

function Status({ state }) {
  switch (state.phase) {
    case 'signing':
      return <p role="status">Asking Signet for a signature…</p>;
    case 'uploading':
      return <p role="status">Uploading to Cloudinary (signature valid until {state.signed.expires_at})…</p>;
    case 'done':
      return (
        <p role="status" className="ok" data-testid="result">
          Uploaded. Public ID: <code data-testid="public-id">{state.result.public_id}</code>
        </p>
      );
    case 'error':
      return (
        <p role="alert" className="error" data-testid="error">
          {state.label && <strong>{state.label} </strong>}{state.message}
        </p>
      );
    default:
      return <p role="status">Choose a file and press Upload.</p>;
  }
}

function WidgetUpload({ signet, profile }) {
  const [options, setOptions] = useState(null);
  const [state, setState] = useState({ phase: 'idle' });
  const widget = useRef(null);

  useEffect(() => {
    // The profile tells the cloud name, the API key and the values the profile forces.
    signet.profile(profile).then(
      (described) => setOptions(described.widget_options),
      (error) => setState(failure(error)),
    );
  }, [signet, profile]);

  async function open() {
    try {
      const cloudinary = await loadUploadWidget();
      widget.current ??= cloudinary.createUploadWidget({
        ...options,
        uploadSignature: widgetUploadSignature(signet, {
          profile,
          onError: (error) => setState(failure(error)),
        }),
      }, (error, result) => {
        if (error) setState({ phase: 'error', message: error.statusText ?? String(error) });
        else if (result.event === 'success') setState({ phase: 'done', result: result.info });
      });
      widget.current.open();
    } catch (error) {
      setState({ phase: 'error', message: error.message });
    }
  }

  return (
    <section aria-labelledby="widget-title">
      <h2 id="widget-title">Upload Widget</h2>
      <p>Profile <code>{profile}</code>; widget options from Signet:</p>
      <pre data-testid="widget-options">{options ? JSON.stringify(options, null, 2) : '…'}</pre>
      <button type="button" onClick={open} disabled={!options}>Open the Upload Widget</button>
      <Status state={state} />
    </section>
  );
}

export default function App({ config }) {
  const [mode, setMode] = useState(new URLSearchParams(window.location.search).get('mode') ?? 'direct');
  const signet = useMemo(() => createSignetClient({
    signetUrl: config.signetUrl,
    getAccessToken: config.tokenUrl ? tokenFrom(config.tokenUrl) : undefined,
  }), [config]);

  return (
    <main>
      <h1>Signet upload example</h1>
      <p className="hint">
        Signatures from <code>{config.signetUrl}</code>
        {config.tokenUrl ? ' with a short-lived access token' : ' through this site\'s backend route'}.
      </p>
      <nav>
        <button type="button" aria-pressed={mode === 'direct'} onClick={() => setMode('direct')}>fetch + FormData</button>
        <button type="button" aria-pressed={mode === 'widget'} onClick={() => setMode('widget')}>Upload Widget</button>
      </nav>
      {mode === 'direct'
        ? <DirectUpload signet={signet} profile={config.profile ?? undefined} />
        : <WidgetUpload signet={signet} profile={config.widgetProfile ?? 'default'} />}
    </main>
  );
}
