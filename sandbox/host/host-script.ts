/**
 * Runs in the host page. It answers the bridge calls of the Custom UI frames on this page: `getContext`
 * from what Jira would know (set by the server in `window.__sandboxHost`), `invoke` by asking the server to
 * run the real resolver as the signed-in sandbox user, and navigation by opening the target.
 */
export const HOST_SCRIPT = `(function () {
  var host = window.__sandboxHost;
  function frameOf(source) {
    var frames = document.querySelectorAll('iframe[data-module-key]');
    for (var i = 0; i < frames.length; i += 1) if (frames[i].contentWindow === source) return frames[i];
    return null;
  }
  // Each frame is answered on, and only heard from, the origin its src names (Jira's frames are on another site).
  function originOf(frame) {
    return new URL(frame.src, window.location.href).origin;
  }
  function reply(frame, id, result, error) {
    frame.contentWindow.postMessage({ type: 'sandbox-bridge-reply', id: id, result: result, error: error }, originOf(frame));
  }
  function handle(frame, name, payload) {
    var moduleKey = frame.getAttribute('data-module-key');
    var context = host.contexts[moduleKey];
    switch (name) {
      case 'getContext':
        return Promise.resolve(context);
      case 'enableTheming':
        return Promise.resolve({ colorMode: host.colorMode });
      case 'invoke':
        return fetch('/__sandbox/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify({ moduleKey: moduleKey, issueKey: host.issueKey, functionKey: payload.functionKey, payload: payload.payload }),
        }).then(function (response) {
          return response.json().then(function (body) {
            if (!response.ok) throw new Error(body.message || ('Resolver call failed with HTTP ' + response.status));
            return body.result;
          });
        });
      case 'open':
      case 'navigate': {
        var url = payload && (payload.url || payload.target);
        if (typeof url === 'string') {
          if (payload.type === 'same-tab') window.location.assign(url); else window.open(url, '_blank', 'noopener');
        }
        return Promise.resolve();
      }
      case 'reload':
      case 'refresh':
        window.location.reload();
        return Promise.resolve();
      default:
        return Promise.resolve(undefined);
    }
  }
  window.addEventListener('message', function (event) {
    var frame = frameOf(event.source);
    var message = event.data;
    if (!frame || !message || event.origin !== originOf(frame)) return;
    if (message.type === 'sandbox-frame-height') {
      frame.style.height = Math.max(80, Math.ceil(message.height)) + 'px';
      return;
    }
    if (message.type !== 'sandbox-bridge-call') return;
    handle(frame, message.name, message.payload).then(
      function (result) { reply(frame, message.id, result); },
      function (error) { reply(frame, message.id, undefined, String(error && error.message || error)); }
    );
  });
  var switcher = document.getElementById('sandbox-user');
  if (switcher) switcher.addEventListener('change', function () {
    fetch('/__sandbox/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify({ accountId: switcher.value }) })
      .then(function () { window.location.reload(); });
  });
  var theme = document.getElementById('sandbox-theme-toggle');
  if (theme) theme.addEventListener('click', function () {
    fetch('/__sandbox/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify({ colorMode: host.colorMode === 'dark' ? 'light' : 'dark' }) })
      .then(function () { window.location.reload(); });
  });
})();`;
