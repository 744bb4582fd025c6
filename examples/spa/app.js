// Tessera example SPA: signs in through the token handler's OAuth agent (CONTRACT §6.2) and calls the
// sample API through the gateway with its cookies. It never sees a token: only the CSRF value, which
// it sends back in the x-<cookiePrefix>-csrf header on data-changing requests.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { config: null, agent: null, csrf: null, refreshes: 0 };

function setStatus(text, dataState) {
  $('status').textContent = text;
  if (dataState) $('status').dataset.state = dataState;
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

/** Headers for a same-origin call; data-changing ones carry the CSRF value (CONTRACT §6.2). */
function headers(method, json) {
  const h = { accept: 'application/json' };
  if (json) h['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && state.csrf) h[`x-${state.config.cookiePrefix}-csrf`] = state.csrf;
  return h;
}

/** A call to the OAuth agent at {issuer}/token-handler/{app}. */
async function agent(path, method = 'GET', body) {
  const json = body !== undefined;
  const res = await fetch(state.agent + path, {
    method,
    headers: headers(method, json),
    credentials: 'include',
    body: json ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return res.status === 204 ? null : res.json().catch(() => null);
}

function showSignedOut() {
  state.csrf = null;
  $('signed-in').hidden = true;
  $('signed-out').hidden = false;
  setStatus('Signed out', 'signed-out');
}

async function showSignedIn() {
  const user = await agent('/userinfo');
  $('user').textContent = JSON.stringify(user, null, 2);
  $('signed-out').hidden = true;
  $('signed-in').hidden = false;
  setStatus(`Signed in as ${user.preferred_username || user.name || user.sub}`, 'signed-in');
}

async function login() {
  clearError();
  const { authorizationRequestUrl } = await agent('/login/start', 'POST', {});
  location.assign(authorizationRequestUrl);
}

async function refresh() {
  clearError();
  await agent('/refresh', 'POST', {});
  state.refreshes += 1;
  $('status').dataset.refreshes = String(state.refreshes);
  setStatus('Tokens refreshed', 'signed-in');
}

async function logout() {
  clearError();
  const result = await agent('/logout', 'POST', {});
  showSignedOut();
  if (result && result.endSessionRequestUrl) location.assign(result.endSessionRequestUrl);
}

/** Calls the API through the gateway; on a 401 (access token expired) refreshes once and retries. */
async function callApi(method) {
  clearError();
  const send = () => fetch(state.config.ordersUrl, {
    method,
    headers: headers(method, method === 'POST'),
    credentials: 'include',
    body: method === 'POST' ? JSON.stringify({ item: `item ${new Date().toISOString()}` }) : undefined,
  });
  let res = await send();
  if (res.status === 401) {
    try {
      await refresh();
      res = await send();
    } catch (e) {
      showSignedOut();
    }
  }
  const text = await res.text();
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    // not JSON: show as is
  }
  $('api-result').textContent = `HTTP ${res.status}\n${shown}`;
  $('api-result').dataset.status = String(res.status);
}

function on(id, action) {
  $(id).addEventListener('click', () => action().catch((e) => showError(e.message)));
}

async function start() {
  state.config = await (await fetch('/config.json', { credentials: 'same-origin' })).json();
  state.agent = `/t/${state.config.tenant}/token-handler/${state.config.app}`;
  on('login', login);
  on('logout', logout);
  on('refresh', refresh);
  on('call-api', () => callApi('GET'));
  on('create-order', () => callApi('POST'));

  // Every page load: let the agent finish a sign-in if this URL is the redirect back from Tessera
  // (?code=…&state=…), and learn whether there is a session and its CSRF value.
  const end = await agent('/login/end', 'POST', { pageUrl: location.href });
  if (end.csrf) state.csrf = end.csrf;
  if (end.handled) history.replaceState(null, '', location.pathname);
  if (!end.isLoggedIn) {
    showSignedOut();
    return;
  }
  try {
    await showSignedIn();
  } catch (e) {
    // the access token expired since the last visit: one refresh, else sign in again
    try {
      await refresh();
      await showSignedIn();
    } catch (e2) {
      showSignedOut();
    }
  }
}

start().catch((e) => {
  setStatus('Error', 'error');
  showError(e.message);
});
