/**
 * Injected as the first script of each Custom UI page the sandbox serves. It defines `window.__bridge`,
 * the object `@forge/bridge` looks for, and forwards every call to the host page (which plays Jira) by
 * postMessage, the way Jira's own frame bridge does: to the host's origin only, and only its answers are
 * read. It also reports the page height so the host can size the iframe, and applies Atlassian design
 * tokens when the app enables theming. `hostOrigin` null: the host page is on the frame's own origin.
 */
export const frameBridgeScript = (hostOrigin: string | null) => `(function () {
  var pending = {};
  var sequence = 0;
  var origin = ${hostOrigin === null ? 'window.location.origin' : JSON.stringify(hostOrigin)};
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent || event.origin !== origin) return;
    var message = event.data;
    if (!message || message.type !== 'sandbox-bridge-reply' || !pending[message.id]) return;
    var call = pending[message.id];
    delete pending[message.id];
    if (message.error) call.reject(new Error(message.error)); else call.resolve(message.result);
  });
  function applyTheme(colorMode) {
    var root = document.documentElement;
    root.setAttribute('data-color-mode', colorMode);
    root.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography shape:shape');
    if (!document.getElementById('sandbox-theme')) {
      var link = document.createElement('link');
      link.id = 'sandbox-theme';
      link.rel = 'stylesheet';
      link.href = '/__sandbox/theme.css';
      document.head.appendChild(link);
    }
  }
  function callBridge(name, payload) {
    return new Promise(function (resolve, reject) {
      sequence += 1;
      pending[sequence] = { resolve: resolve, reject: reject };
      window.parent.postMessage({ type: 'sandbox-bridge-call', id: sequence, name: name, payload: payload }, origin);
    }).then(function (result) {
      if (name === 'enableTheming' && result && result.colorMode) applyTheme(result.colorMode);
      return result;
    });
  }
  window.__bridge = { callBridge: callBridge };
  // Measure the app's root, not <body>: CSS resets give body the frame's height, hiding growth.
  function content() { return document.getElementById('root') || document.body; }
  function reportHeight() {
    var bottom = Math.ceil(content().getBoundingClientRect().bottom + window.scrollY);
    window.parent.postMessage({ type: 'sandbox-frame-height', height: bottom }, origin);
  }
  window.addEventListener('load', function () {
    new ResizeObserver(reportHeight).observe(content());
    reportHeight();
  });
})();`;
