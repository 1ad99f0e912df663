// Test stand-in for Cloudinary's Upload Widget script (upload-widget.cloudinary.com), which loads from
// Cloudinary's CDN and cannot be loaded here. It keeps the widget's documented signing contract
// (docs/clients.md, spec section 6) and nothing of its UI:
//  - createUploadWidget(options, resultCallback) returns {open()};
//  - on upload it calls options.uploadSignature(callback, paramsToSign) with exactly the parameters it
//    will post: source=uw, its own UNIX timestamp, and folder / upload_preset / public_id / tags /
//    context from the camelCase options;
//  - it posts those parameters, api_key = options.apiKey and the signature to
//    <upload prefix>/v1_1/<cloudName>/<resourceType or auto>/upload, then calls
//    resultCallback(null, {event: 'success', info}) or resultCallback({status, statusText}).
(() => {
  const UPLOAD_PREFIX = '__UPLOAD_PREFIX__';
  const SIGNED_OPTIONS = { folder: 'folder', uploadPreset: 'upload_preset', publicId: 'public_id', tags: 'tags', context: 'context' };

  function paramsToSign(options) {
    const params = { source: 'uw', timestamp: Math.round(Date.now() / 1000) };
    for (const [option, param] of Object.entries(SIGNED_OPTIONS)) {
      if (options[option] !== undefined) params[param] = options[option];
    }
    return params;
  }

  async function upload(options, file, resultCallback) {
    const params = paramsToSign(options);
    const signature = await new Promise((resolve) => options.uploadSignature((value) => resolve(value), params));
    if (!signature) return; // the page reports why; the real widget stays open
    const form = new FormData();
    for (const [name, value] of Object.entries(params)) form.append(name, Array.isArray(value) ? value.join(',') : value);
    form.append('api_key', options.apiKey);
    form.append('signature', signature);
    form.append('file', file);
    const url = `${UPLOAD_PREFIX}/v1_1/${options.cloudName}/${options.resourceType ?? 'auto'}/upload`;
    const response = await fetch(url, { method: 'POST', body: form });
    const body = await response.json();
    if (response.ok) resultCallback(null, { event: 'success', info: body });
    else resultCallback({ status: response.status, statusText: body.error?.message ?? response.statusText }, { event: 'error' });
  }

  window.cloudinary = {
    createUploadWidget(options, resultCallback) {
      return {
        open() {
          const dialog = document.createElement('dialog');
          dialog.id = 'uw-standin';
          dialog.innerHTML = '<p>Upload Widget stand-in</p><input type="file" id="uw-standin-file">';
          document.body.appendChild(dialog);
          dialog.show();
          dialog.querySelector('input').addEventListener('change', (event) => {
            dialog.close();
            upload(options, event.target.files[0], resultCallback);
          });
        },
      };
    },
  };
})();
