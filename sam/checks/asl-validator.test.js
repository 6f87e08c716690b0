'use strict';
// asl-validator (run on the real file by ./mvnw verify) must reject broken copies of the state machine.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const validate = require('asl-validator');

const definition = () => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'statemachine', 'place-order.asl.json'), 'utf8'));

test('the PlaceOrder state machine is valid ASL', () => {
  const result = validate(definition());
  assert.deepEqual(result.errors, []);
  assert.equal(result.isValid, true);
});

test('a transition to a missing state is rejected', () => {
  const d = definition();
  d.States.Charge.Catch[0].Next = 'ReleaseInventori';
  assert.equal(validate(d).isValid, false);
});

test('a retrier with a non-numeric backoff is rejected', () => {
  const d = definition();
  d.States.Confirm.Retry[0].BackoffRate = 'fast';
  assert.equal(validate(d).isValid, false);
});

test('a bad JSONPath in a result selector is rejected', () => {
  const d = definition();
  d.States.Validate.ResultSelector['orderId.$'] = 'Payload.orderId';
  assert.equal(validate(d).isValid, false);
});

// (asl-validator 4.0.0 does not check JitterStrategy values; the Java AslChecks require FULL.)
test('a task without a Resource is rejected', () => {
  const d = definition();
  delete d.States.MarkFailed.Resource;
  assert.equal(validate(d).isValid, false);
});
