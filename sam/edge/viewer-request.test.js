'use strict';
// Runs edge/viewer-request.js the way CloudFront does: as a plain script that defines `handler`,
// with no module system, fed events shaped like CloudFront Functions' viewer-request event.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const source = fs.readFileSync(path.join(__dirname, 'viewer-request.js'), 'utf8');
const cases = JSON.parse(fs.readFileSync(path.join(__dirname, 'cases.json'), 'utf8')).cases;

function loadHandler() {
  // A fresh context without require/module/process: anything the code needs beyond plain
  // ECMAScript would throw here, as it would in CloudFront.
  const context = vm.createContext({});
  vm.runInContext(source, context, { filename: 'viewer-request.js' });
  assert.equal(typeof context.handler, 'function', 'the file must define function handler(event)');
  return context.handler;
}

// Event structure of CloudFront Functions (event version 1.0), viewer-request.
function viewerRequestEvent(uri, querystring) {
  return {
    version: '1.0',
    context: {
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      distributionId: 'EDFDVBD6EXAMPLE',
      eventType: 'viewer-request',
      requestId: '4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ=='
    },
    viewer: { ip: '198.51.100.11' },
    request: {
      method: 'GET',
      uri: uri,
      querystring: querystring || {},
      headers: {
        host: { value: 'd111111abcdef8.cloudfront.net' },
        accept: { value: 'text/html' }
      },
      cookies: {}
    }
  };
}

const handler = loadHandler();

for (const c of cases) {
  test(c.name, () => {
    const event = viewerRequestEvent(c.in.uri, c.in.querystring);
    // The vm context has its own Object prototype: compare plain JSON copies.
    const result = JSON.parse(JSON.stringify(handler(event)));
    if (c.out.redirect !== undefined) {
      assert.equal(result.statusCode, c.out.status);
      assert.equal(result.statusDescription, 'Found');
      assert.deepEqual(result.headers.location, { value: c.out.redirect });
      assert.deepEqual(Object.keys(result).sort(), ['headers', 'statusCode', 'statusDescription']);
    } else {
      assert.equal(result.uri, c.out.uri);
      assert.equal(result.method, 'GET');
      assert.deepEqual(result.headers, event.request.headers, 'headers pass through untouched');
      assert.deepEqual(result.querystring, event.request.querystring, 'query string passes through untouched');
    }
  });
}

test('the cases table covers the root redirect and the directory index rewrite', () => {
  assert.ok(cases.some((c) => c.in.uri === '/' && c.out.redirect === '/docs/'));
  assert.ok(cases.some((c) => c.in.uri === '/docs/' && c.out.uri === '/docs/index.html'));
  assert.ok(cases.some((c) => /^\/docs\/.+\/$/.test(c.in.uri) && c.out.uri === c.in.uri + 'index.html'));
});

test('the function uses no module system (CloudFront has none)', () => {
  const code = source.replace(/\/\/.*$/gm, '');
  assert.doesNotMatch(code, /\brequire\s*\(|\bimport\b|\bexport\b|\bmodule\.exports\b/);
});

test('the function stays within the CloudFront Functions size limit (10 KB)', () => {
  assert.ok(Buffer.byteLength(source, 'utf8') <= 10240);
});

test('a broken function is caught: a handler that forgets the index rewrite fails a case', () => {
  const broken = source.replace("request.uri = uri + 'index.html';", '');
  assert.notEqual(broken, source, 'the mutation must apply');
  const context = vm.createContext({});
  vm.runInContext(broken, context);
  const out = context.handler(viewerRequestEvent('/docs/'));
  assert.notEqual(out.uri, '/docs/index.html');
});
