import { createRoot } from 'react-dom/client';
import App from './App.jsx';
import './style.css';

// Runtime configuration, so that one build runs against any Signet: signet-config.json beside
// index.html (see public/signet-config.json and docs/clients.md).
const root = createRoot(document.getElementById('root'));
fetch(new URL('signet-config.json', document.baseURI))
  .then((response) => response.json())
  .then((config) => root.render(<App config={config} />))
  .catch((error) => root.render(<p role="alert">Could not read signet-config.json: {error.message}</p>));
