// The stand-in MLflow's UI shell: a small page that signs in against the configured OIDC issuer by itself
// (authorization code + PKCE, read from mlflow-login.json), then calls a read, a write and a cookie-only artifact
// read through the gateway, showing each answer. The real MLflow UI gets its login from ui-patch instead.

/** The page served at `GET /`: relative URLs only, as MLflow's own, so it works under the stage path. */
export const STAND_IN_INDEX_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MLflow stand-in (local mode)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}button{margin:.2rem .4rem .2rem 0}
pre{background:#f4f4f4;padding:.6rem;white-space:pre-wrap}code{background:#f4f4f4}</style>
<script src="static-files/local-login.js"></script>
</head><body>
<h1>MLflow stand-in</h1>
<p>This is <code>npm run local</code>'s stand-in for MLflow: every MLflow route answers with the operation it reached.
Requests pass the same gateway, authorizer and policies as in AWS. Start <code>npm run local -- --mlflow-url URL</code> to put a real MLflow behind it.</p>
<p id="who">Not signed in.</p>
<p><button id="login">Sign in</button><button id="logout">Sign out</button></p>
<p><button id="read">Read: GetExperiment</button><button id="write">Write: CreateExperiment</button><button id="artifact">Artifact through the cookie</button></p>
<pre id="log" aria-live="polite"></pre>
</body></html>
`;

/** `static-files/local-login.js`. */
export const STAND_IN_LOGIN_JS = `'use strict';
(function () {
  var TOKEN = 'mlflow-local-id-token';
  var PENDING = 'mlflow-local-login';
  function log(line) { document.getElementById('log').textContent += line + '\\n'; }
  function b64url(bytes) { return btoa(String.fromCharCode.apply(null, Array.from(bytes))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, ''); }
  function claims(jwt) { return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))); }
  async function json(url, init) { var r = await fetch(url, init); if (!r.ok) throw new Error(url + ': ' + r.status); return r.json(); }
  async function setup() {
    var config = await json('mlflow-login.json');
    var discovery = await json(config.authority.replace(/\\/$/, '') + '/.well-known/openid-configuration');
    return { config: config, discovery: discovery };
  }
  async function login(oidc) {
    var verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
    var challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
    var state = b64url(crypto.getRandomValues(new Uint8Array(16)));
    sessionStorage.setItem(PENDING, JSON.stringify({ verifier: verifier, state: state }));
    var url = new URL(oidc.discovery.authorization_endpoint);
    var params = { client_id: oidc.config.clientId, redirect_uri: oidc.config.redirectUri, response_type: 'code', scope: oidc.config.scope,
      state: state, code_challenge: challenge, code_challenge_method: 'S256' };
    Object.keys(params).forEach(function (k) { url.searchParams.set(k, params[k]); });
    location.assign(url.href);
  }
  async function callback(oidc, params) {
    var pending = JSON.parse(sessionStorage.getItem(PENDING) || '{}');
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', oidc.config.redirectUri);
    if (params.get('state') !== pending.state) throw new Error('sign-in failed: state mismatch');
    var body = new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: oidc.config.redirectUri,
      client_id: oidc.config.clientId, code_verifier: pending.verifier });
    var tokens = await json(oidc.discovery.token_endpoint, { method: 'POST', body: body });
    sessionStorage.setItem(TOKEN, tokens.id_token);
    var ttl = claims(tokens.id_token).exp - Math.floor(Date.now() / 1000);
    document.cookie = '__Host-mlflow-token=' + tokens.id_token + '; Path=/; Secure; SameSite=Strict; Max-Age=' + ttl;
  }
  async function call(name, method, url, body, withToken) {
    var headers = {};
    var token = sessionStorage.getItem(TOKEN);
    if (withToken && token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    var r = await fetch(url, { method: method, headers: headers, body: body, credentials: 'same-origin' });
    var text = await r.text();
    var detail = '';
    try { var answer = JSON.parse(text); detail = r.ok ? answer.operation || '' : '(' + (answer.Message || answer.message) + ')'; } catch (e) { detail = ''; }
    log(name + ': ' + r.status + (detail ? ' ' + detail : ''));
  }
  function show() {
    var token = sessionStorage.getItem(TOKEN);
    if (!token) { document.getElementById('who').textContent = 'Not signed in.'; return; }
    var c = claims(token);
    document.getElementById('who').textContent = 'Signed in as ' + c['cognito:username'] + ' (groups: ' + (c['cognito:groups'] || []).join(', ') + ')';
  }
  document.addEventListener('DOMContentLoaded', async function () {
    try {
      var oidc = await setup();
      var params = new URLSearchParams(location.search);
      if (params.has('code')) await callback(oidc, params);
      show();
      document.getElementById('login').onclick = function () { login(oidc).catch(function (e) { log(String(e)); }); };
      document.getElementById('logout').onclick = function () {
        sessionStorage.removeItem(TOKEN);
        document.cookie = '__Host-mlflow-token=; Path=/; Secure; SameSite=Strict; Max-Age=0';
        show();
        log('signed out');
      };
      document.getElementById('read').onclick = function () { call('read', 'GET', 'ajax-api/2.0/mlflow/experiments/get?experiment_id=0', undefined, true); };
      document.getElementById('write').onclick = function () { call('write', 'POST', 'ajax-api/2.0/mlflow/experiments/create', '{"name":"local-mode"}', true); };
      document.getElementById('artifact').onclick = function () { call('artifact', 'GET', 'get-artifact?path=model/MLmodel&run_uuid=0', undefined, false); };
      document.body.dataset.ready = 'true';
    } catch (e) {
      log(String(e));
    }
  });
})();
`;
