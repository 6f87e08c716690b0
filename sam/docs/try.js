// The Try-it page (sam/docs/try.html): the authorization code flow with PKCE against the Hosted UI (the local
// stack's or the deployed user pool's), then the API with the ID token, as API Gateway's Cognito authorizer wants.
// No libraries; the page's CSP allows only this script and connections to the API and the Hosted UI.
'use strict';

const TERMINAL = ['CONFIRMED', 'FAILED', 'EXPIRED'];
const store = window.sessionStorage;
let config = null;
const watching = new Set();

const $ = (id) => document.getElementById(id);

function say(text) {
  $('message').textContent = text;
}

function base64url(bytes) {
  let s = '';
  new Uint8Array(bytes).forEach((b) => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function claims(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(escape(atob(part + '==='.slice((part.length + 3) % 4)))));
}

/** config.json beside the page (a deployed stack), else the local stack's description of its pool. */
async function loadConfig() {
  try {
    const deployed = await fetch('config.json', { cache: 'no-store' });
    if (deployed.ok) {
      const c = await deployed.json();
      return { source: 'deployed stack', hostedUi: c.hostedUi, api: c.api, clientId: c.clientId,
        redirectUri: c.redirectUri, logoutUri: c.logoutUri || c.redirectUri };
    }
  } catch (e) { /* not deployed beside a config.json */ }
  const local = await fetch('/_local/hosted-ui', { cache: 'no-store' });
  if (!local.ok) {
    throw new Error('no config.json beside this page and no local stack at this origin');
  }
  const c = await local.json();
  const here = location.origin + location.pathname;
  const client = c.clients[0];
  return { source: c.source, hostedUi: c.hostedUi, api: c.api, clientId: client.clientId,
    redirectUri: client.callbackUrls.find((u) => u === here) || client.callbackUrls[0],
    logoutUri: client.logoutUrls.find((u) => u === here) || client.logoutUrls[0] };
}

async function signIn() {
  const verifier = randomString(48);
  const state = randomString(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  store.setItem('pkce', JSON.stringify({ verifier, state }));
  const q = new URLSearchParams({ response_type: 'code', client_id: config.clientId, redirect_uri: config.redirectUri,
    scope: 'openid email profile', state, code_challenge: challenge, code_challenge_method: 'S256' });
  location.assign(config.hostedUi + '/oauth2/authorize?' + q.toString());
}

async function tokenRequest(params) {
  const response = await fetch(config.hostedUi + '/oauth2/token', { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(Object.assign({ client_id: config.clientId }, params)).toString() });
  const body = await response.json();
  if (!response.ok) {
    throw new Error('token endpoint: ' + response.status + ' ' + body.error + ' ' + (body.error_description || ''));
  }
  return body;
}

/** Back from the Hosted UI with ?code=...&state=...: exchange the code (with the PKCE verifier) for tokens. */
async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  if (params.has('error')) {
    say('The Hosted UI answered ' + params.get('error') + ': ' + (params.get('error_description') || ''));
    history.replaceState(null, '', location.pathname);
    return;
  }
  if (!params.has('code')) {
    return;
  }
  const pending = JSON.parse(store.getItem('pkce') || 'null');
  store.removeItem('pkce');
  history.replaceState(null, '', location.pathname);
  if (!pending || pending.state !== params.get('state')) {
    say('Ignored a sign-in answer whose state this page did not send.');
    return;
  }
  const tokens = await tokenRequest({ grant_type: 'authorization_code', code: params.get('code'),
    redirect_uri: config.redirectUri, code_verifier: pending.verifier });
  store.setItem('tokens', JSON.stringify(tokens));
  say('Signed in: the code was exchanged for an ID, access and refresh token.');
}

/** The ID token, refreshed with the refresh token when it is about to expire. */
async function idToken() {
  const tokens = JSON.parse(store.getItem('tokens') || 'null');
  if (!tokens) {
    return null;
  }
  if (claims(tokens.id_token).exp * 1000 > Date.now() + 30000) {
    return tokens.id_token;
  }
  if (!tokens.refresh_token) {
    return null;
  }
  const fresh = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
  tokens.id_token = fresh.id_token;
  tokens.access_token = fresh.access_token;
  store.setItem('tokens', JSON.stringify(tokens));
  return tokens.id_token;
}

async function api(method, path, body, headers) {
  const token = await idToken();
  const response = await fetch(config.api + path, { method,
    headers: Object.assign({ Authorization: token }, body ? { 'Content-Type': 'application/json' } : {}, headers || {}),
    body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  return { status: response.status, json, text };
}

async function saveProfile() {
  const answer = await api('POST', '/profiles', { name: $('profileName').value });
  $('profileState').textContent = answer.status === 201 ? 'created' : answer.status === 200 ? 'updated'
    : 'error ' + answer.status;
  say('POST /profiles → ' + answer.status + '\n' + answer.text);
}

async function placeOrder() {
  const order = { amount: Number($('amount').value), items: [{ sku: $('sku').value, qty: Number($('qty').value) }] };
  const answer = await api('POST', '/orders', order, { 'Idempotency-Key': randomString(12) });
  say('POST /orders → ' + answer.status + '\n' + answer.text);
  if (answer.status === 202) {
    await listOrders();
  }
}

function row(order) {
  let tr = document.querySelector('tr[data-order-id="' + order.orderId + '"]');
  if (!tr) {
    tr = document.createElement('tr');
    tr.dataset.orderId = order.orderId;
    ['id', 'amount', 'status', 'history'].forEach((c) => {
      const td = document.createElement('td');
      td.className = c;
      tr.appendChild(td);
    });
    $('orders').appendChild(tr);
  }
  tr.querySelector('.id').textContent = order.orderId.slice(0, 8) + '…';
  tr.querySelector('.amount').textContent = order.amount;
  const status = tr.querySelector('.status');
  status.textContent = order.status;
  status.className = 'status ' + order.status;
  tr.querySelector('.history').textContent = (order.history || []).map((h) => h.status).join(' → ');
  return tr;
}

async function listOrders() {
  const answer = await api('GET', '/orders?limit=20');
  if (answer.status !== 200) {
    say('GET /orders → ' + answer.status + '\n' + answer.text);
    return;
  }
  $('orders').textContent = '';
  for (const order of answer.json.items) {
    row(order);
    if (!TERMINAL.includes(order.status)) {
      watch(order.orderId);
    }
  }
}

/** Reads the order every second until it reaches a terminal state, showing each state it passes. */
function watch(orderId) {
  if (watching.has(orderId)) {
    return;
  }
  watching.add(orderId);
  const tick = async () => {
    const answer = await api('GET', '/orders/' + encodeURIComponent(orderId));
    if (answer.status === 200) {
      row(answer.json);
      if (TERMINAL.includes(answer.json.status)) {
        watching.delete(orderId);
        return;
      }
    }
    setTimeout(tick, 1000);
  };
  tick();
}

function signOut() {
  store.removeItem('tokens');
  const q = new URLSearchParams({ client_id: config.clientId, logout_uri: config.logoutUri });
  location.assign(config.hostedUi + '/logout?' + q.toString());
}

async function show() {
  const token = await idToken();
  $('signedOut').classList.toggle('hidden', !!token);
  $('signedIn').classList.toggle('hidden', !token);
  if (token) {
    $('signedInAs').textContent = claims(token).email;
    await listOrders();
  }
}

async function main() {
  try {
    config = await loadConfig();
  } catch (e) {
    $('config').textContent = 'No user pool: ' + e.message;
    return;
  }
  $('config').textContent = 'User pool of the ' + config.source + ': Hosted UI ' + config.hostedUi + ', API '
    + config.api + ', app client ' + config.clientId + '.';
  if (config.redirectUri !== location.origin + location.pathname) {
    $('config').textContent += ' Open this page at ' + config.redirectUri
      + ' (the app client\'s callback URL) to sign in.';
  }
  $('signIn').addEventListener('click', () => signIn().catch((e) => say(e.message)));
  $('signOut').addEventListener('click', signOut);
  $('saveProfile').addEventListener('click', () => saveProfile().catch((e) => say(e.message)));
  $('placeOrder').addEventListener('click', () => placeOrder().catch((e) => say(e.message)));
  $('refreshOrders').addEventListener('click', () => listOrders().catch((e) => say(e.message)));
  try {
    await finishSignIn();
  } catch (e) {
    say(e.message);
  }
  await show();
}

main();
