/**
 * The stand-in for MLflow's main bundle (static-files/static/js/main.<hash>.js): it records the address it saw
 * when it started (the login must have restored the route by then), calls the API at start as MLflow does, and
 * exposes `window.app` for the test to make the calls MLflow makes: fetch with a plain object or a Request,
 * XMLHttpRequest, an <img> (no JavaScript in the load, hence no header), and a call to another origin.
 */
export const FIXTURE_APP = `(function () {
  var fetchSource = Function.prototype.toString.call(window.fetch);
  window.appBoot = { href: location.href, search: location.search, wrapped: fetchSource.indexOf('[native code]') === -1 };
  var root = document.getElementById('root');
  root.setAttribute('data-booted', 'yes');
  fetch('ajax-api/2.0/mlflow/experiments/search', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"max_results":10}' })
    .then(function (r) { root.setAttribute('data-first-call', String(r.status)); });
  window.app = {
    fetchJson: async function (path, init) { var r = await fetch(path, init); return { status: r.status, text: await r.text() }; },
    fetchRequest: async function (path, headers) { var r = await fetch(new Request(path, { headers: new Headers(headers) })); return { status: r.status }; },
    xhr: function (method, path, body, headers) {
      return new Promise(function (resolve) {
        var x = new XMLHttpRequest();
        var seen = [];
        x.open(method, path);
        Object.keys(headers || {}).forEach(function (k) { x.setRequestHeader(k, headers[k]); });
        x.onreadystatechange = function () { if (x.readyState === 4) seen.push(x.status); };
        x.onloadend = function () { resolve({ status: x.status, completions: seen }); };
        x.send(body == null ? null : body);
      });
    },
    image: function (src) {
      return new Promise(function (resolve) {
        var img = document.createElement('img');
        img.onload = function () { resolve({ loaded: true, width: img.naturalWidth }); };
        img.onerror = function () { resolve({ loaded: false }); };
        img.src = src;
        root.appendChild(img);
      });
    }
  };
})();
`;
