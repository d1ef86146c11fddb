// The stand-in MLflow UI's app bundle, served as static-files/static/js/main.<hash>.js of an MLflow-shaped build
// with ui-patch's login injected before it (local/src/ui/stand-in-build.ts). It knows nothing of the login: it
// calls the API the way MLflow's built UI does (relative URLs under the page's base, fetch with plain-object
// headers, an XMLHttpRequest, an <img> of a logged artifact), and shows what each call answered.
(function () {
  'use strict';

  var root = document.getElementById('root');
  var results;
  var counter = 0;
  var RUN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  var JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

  // What the buttons do: one MLflow UI call each, with the operation the catalogue names it.
  var CALLS = [
    { id: 'read', label: 'Open experiment 0', operation: 'GetExperiment', method: 'GET', url: 'ajax-api/2.0/mlflow/experiments/get?experiment_id=0' },
    { id: 'search-runs', label: 'Search its runs', operation: 'SearchRuns', method: 'POST', url: 'ajax-api/2.0/mlflow/runs/search', xhr: true,
      body: function () { return { experiment_ids: ['0'], max_results: 25 }; } },
    { id: 'write', label: 'Create an experiment', operation: 'CreateExperiment', method: 'POST', url: 'ajax-api/2.0/mlflow/experiments/create',
      body: function () { return { name: 'local-mode-' + Date.now() }; } },
    { id: 'register', label: 'Register a model', operation: 'CreateRegisteredModel', method: 'POST', url: 'ajax-api/2.0/mlflow/registered-models/create',
      body: function () { return { name: 'local-model-' + Date.now() }; } },
    { id: 'delete', label: 'Delete experiment 0', operation: 'DeleteExperiment', method: 'POST', url: 'ajax-api/2.0/mlflow/experiments/delete',
      body: function () { return { experiment_id: '0' }; } },
  ];
  var IMAGE = { id: 'image', label: 'Show a logged image', operation: 'serve_artifacts', url: 'get-artifact?path=plots%2Floss.svg&run_uuid=' + RUN };

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(call, status, detail) {
    var line = el('li', { 'data-call': call.id, 'data-operation': call.operation, 'data-status': String(status), 'data-seq': String(++counter) },
      call.operation + ': ' + status + (detail ? ' (' + detail + ')' : ''));
    results.appendChild(line);
    return line;
  }

  // What the answer says: the operation the stand-in reached, or the gateway's message.
  function detailOf(text) {
    try {
      var body = JSON.parse(text);
      return body.operation ? 'reached ' + body.operation : body.Message || body.message || '';
    } catch {
      return '';
    }
  }

  // As MLflow's fetchEndpointRaw: fetch of a relative URL, headers as a plain object, JSON body.
  function viaFetch(call) {
    var init = { method: call.method, headers: JSON_HEADERS };
    if (call.body) init.body = JSON.stringify(call.body());
    return fetch(call.url, init).then(function (response) {
      return response.text().then(function (text) { return { status: response.status, text: text }; });
    });
  }

  // As bundled third-party code may: an XMLHttpRequest to a relative URL.
  function viaXhr(call) {
    return new Promise(function (resolve) {
      var request = new XMLHttpRequest();
      request.open(call.method, call.url);
      request.setRequestHeader('Content-Type', JSON_HEADERS['Content-Type']);
      request.onloadend = function () { resolve({ status: request.status, text: request.responseText }); };
      request.send(call.body ? JSON.stringify(call.body()) : null);
    });
  }

  function run(call) {
    return (call.xhr ? viaXhr(call) : viaFetch(call)).then(
      function (answer) { return show(call, answer.status, detailOf(answer.text)); },
      function (error) { return show(call, 'error', String(error)); }
    );
  }

  // A logged image, as MLflow's run pages show them: an <img> whose load carries no Authorization header, only
  // the cookie the login keeps.
  function image() {
    var img = el('img', { alt: 'a logged artifact', width: '240', height: '60' });
    img.onload = function () { show(IMAGE, 'loaded', img.naturalWidth + '×' + img.naturalHeight); };
    img.onerror = function () { show(IMAGE, 'failed'); };
    img.src = IMAGE.url;
    document.getElementById('images').replaceChildren(img);
  }

  function render() {
    root.replaceChildren();
    root.appendChild(el('h1', {}, 'MLflow (local mode stand-in UI)'));
    root.appendChild(el('p', {}, 'An MLflow-shaped build with the login of ui-patch injected, as the deployed image has it. ' +
      'Each button makes a call the MLflow UI makes, through the local API Gateway and the Lambda authorizer; ' +
      'the stand-in MLflow answers with the operation it reached. Sign out is at the bottom right.'));
    var buttons = el('p', { id: 'calls' });
    CALLS.forEach(function (call) {
      var button = el('button', { type: 'button', 'data-call': call.id }, call.label);
      button.addEventListener('click', function () { run(call); });
      buttons.appendChild(button);
    });
    var imageButton = el('button', { type: 'button', 'data-call': IMAGE.id }, IMAGE.label);
    imageButton.addEventListener('click', image);
    buttons.appendChild(imageButton);
    root.appendChild(buttons);
    root.appendChild(el('div', { id: 'images' }));
    results = el('ol', { id: 'results', 'aria-live': 'polite' });
    root.appendChild(results);
  }

  render();
  // What every MLflow page calls as it loads: the server's capabilities, then the home page's experiment list.
  run({ id: 'server-info', operation: 'get_server_info', method: 'GET', url: 'ajax-api/3.0/mlflow/server-info' })
    .then(function () {
      return run({ id: 'search-experiments', operation: 'SearchExperiments', method: 'POST', url: 'ajax-api/2.0/mlflow/experiments/search',
        body: function () { return { max_results: 25, order_by: ['last_update_time DESC'] }; } });
    })
    .then(function () { root.setAttribute('data-loaded', 'true'); });
})();
