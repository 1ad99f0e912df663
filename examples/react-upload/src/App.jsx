import { useEffect, useMemo, useRef, useState } from 'react';
import {
  createSignetClient, loadUploadWidget, tokenFrom, uploadInParts, uploadToCloudinary, widgetUploadSignature,
} from './signet.js';

/**
 * Files over this size go through an upload session (POST /v1/uploads) in parts of the session's
 * chunk_size; smaller ones in one upload. 5 MiB is the smallest part Cloudinary takes (every part but
 * the last), so a smaller file is one part anyway, and the profile's chunk_size is only known from
 * the session's answer.
 */
const SESSION_ABOVE_BYTES = 5 * 1024 * 1024;

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

function DirectUpload({ signet, profile, sessions }) {
  const [state, setState] = useState({ phase: 'idle' });
  const [progress, setProgress] = useState(0);
  const [parts, setParts] = useState([]);

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
    setParts([]);
    try {
      if (sessions.enabled && file.size > SESSION_ABOVE_BYTES) {
        setState({ phase: 'signing' });
        const session = await signet.beginUpload(params, {
          profile, bytes: file.size, filename: file.name, contentType: file.type || undefined,
        });
        setState({ phase: 'uploading', signed: session });
        const result = await uploadInParts(signet, session, file, {
          resignAfterSeconds: sessions.resignAfterSeconds,
          onPart: (done) => {
            setParts((shown) => [...shown, done]);
            setProgress(done.bytes / done.total);
          },
        });
        setState({ phase: 'done', result });
        return;
      }
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
      {parts.length > 0 && (
        <ol data-testid="parts">
          {parts.map(({ part, parts: count, bytes, total }) => (
            <li key={part}>Part {part} of {count} uploaded ({bytes.toLocaleString('en')} of {total.toLocaleString('en')} bytes)</li>
          ))}
        </ol>
      )}
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
      if (state.signed.upload_id) {
        return <p role="status">Uploading to Cloudinary in parts (upload session valid until {state.signed.session_expires_at})…</p>;
      }
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
  // Upload sessions for big files unless the config turns them off; re-sign before a part whose
  // signature is older than resignAfterSeconds (Signet's advice: a minute).
  const sessions = useMemo(() => ({
    enabled: config.uploadSessions ?? true,
    resignAfterSeconds: config.resignAfterSeconds ?? 60,
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
        ? <DirectUpload signet={signet} profile={config.profile ?? undefined} sessions={sessions} />
        : <WidgetUpload signet={signet} profile={config.widgetProfile ?? 'default'} />}
    </main>
  );
}
