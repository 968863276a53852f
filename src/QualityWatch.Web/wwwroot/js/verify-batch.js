// Batch verification page: posts the spreadsheet to the API, shows the counts per verdict from the response headers
// and offers the returned sheet for download. Nothing is stored on the server.
(function () {
  const form = document.getElementById('batch-form');
  if (!form) return;
  const status = document.getElementById('batch-status');
  const error = document.getElementById('batch-error');
  const result = document.getElementById('batch-result');
  const download = document.getElementById('batch-download');
  const submit = document.getElementById('batch-submit');
  let objectUrl = null;

  function show(message) {
    error.textContent = message;
    error.hidden = false;
  }

  async function problem(response) {
    try {
      const body = await response.json();
      if (body && body.errors) return Object.values(body.errors).flat().join(' ');
      if (body && body.title) return body.title;
    } catch (_) { /* not JSON */ }
    return form.dataset.errorGeneric + ' (' + response.status + ')';
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    result.hidden = true;
    submit.disabled = true;
    status.textContent = form.dataset.working;
    try {
      const response = await fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin' });
      if (!response.ok) {
        show(await problem(response));
        return;
      }
      const blob = await response.blob();
      const h = (name) => response.headers.get(name) || '0';
      document.getElementById('count-rows').textContent = h('X-Verify-Rows');
      for (const verdict of ['Authentic', 'Suspicious', 'Invalid', 'Unknown', 'Blank']) {
        document.getElementById('count-' + verdict.toLowerCase()).textContent = h('X-Verify-' + verdict);
      }
      const name = decodeURIComponent(response.headers.get('X-Verify-File-Name') || 'verified');
      document.getElementById('batch-file-name').textContent = name;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      objectUrl = URL.createObjectURL(blob);
      download.href = objectUrl;
      download.download = name;
      result.hidden = false;
      result.dataset.ready = 'true';
    } catch (e) {
      show(form.dataset.errorGeneric + ': ' + e.message);
    } finally {
      submit.disabled = false;
      status.textContent = '';
    }
  });
})();
