'use strict';
// The specification check must report broken templates: each test breaks a copy of template.yaml.
const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');
const { parseTemplate } = require('./cfn-yaml');
const { check } = require('./cfn-spec-check');

const templateText = fs.readFileSync(path.join(__dirname, '..', 'template.yaml'), 'utf8');
const supplement = JSON.parse(fs.readFileSync(path.join(__dirname, 'sam-spec-supplement.json'), 'utf8'));
delete supplement.description;
let db;
before(() => { db = loadAwsServiceSpecSync(); });

function problemsAfter(mutate) {
  const template = parseTemplate(templateText);
  mutate(template);
  return check(template, db, supplement);
}
function assertReported(problems, pattern) {
  assert.ok(problems.some((p) => pattern.test(p)), `expected a problem matching ${pattern}, got:\n${problems.join('\n')}`);
}

test('the real template passes', () => {
  assert.deepEqual(problemsAfter(() => {}), []);
});

test('an unknown resource type is reported', () => {
  assertReported(problemsAfter((t) => { t.Resources.OrdersTable.Type = 'AWS::DynamoDB::Tables'; }),
    /OrdersTable: unknown resource type AWS::DynamoDB::Tables/);
});

test('a misspelled top-level property is reported', () => {
  assertReported(problemsAfter((t) => { t.Resources.OrdersTable.Properties.BilingMode = 'PAY_PER_REQUEST'; }),
    /OrdersTable.Properties: unknown property BilingMode/);
});

test('a misspelled nested property is reported', () => {
  assertReported(problemsAfter((t) => {
    t.Resources.OrdersTable.Properties.PointInTimeRecoverySpecification = { PointInTimeRecovery: true };
  }), /PointInTimeRecoverySpecification: unknown property PointInTimeRecovery/);
});

test('a missing required property is reported', () => {
  assertReported(problemsAfter((t) => { delete t.Resources.OrdersTable.Properties.KeySchema; }),
    /OrdersTable.Properties: missing required property KeySchema/);
});

test('a missing required property of a nested type is reported', () => {
  assertReported(problemsAfter((t) => {
    delete t.Resources.DocsDistribution.Properties.DistributionConfig.DefaultCacheBehavior.TargetOriginId;
  }), /DefaultCacheBehavior: missing required property TargetOriginId/);
});

test('a misspelled SAM event property is reported by event type', () => {
  assertReported(problemsAfter((t) => {
    t.Resources.ProfilesStreamWelcomeFunction.Properties.Events.ProfileInserted.Properties.BisectBatchOnError = true;
  }), /ProfileInserted.Properties: unknown property BisectBatchOnError/);
});

test('an unknown SAM event type is reported', () => {
  assertReported(problemsAfter((t) => {
    t.Resources.OrdersCleanupFunction.Properties.Events.Cleanup.Type = 'Schedulee';
  }), /event type Schedulee is not in the SAM spec/);
});

test('an unknown SAM policy template is reported', () => {
  assertReported(problemsAfter((t) => {
    t.Resources.OrdersGetFunction.Properties.Policies = [{ DynamoDBReadOnlyPolicy: { TableName: { Ref: 'OrdersTable' } } }];
  }), /OrdersGetFunction.Properties.Policies/);
});

test('a misspelled property inside a supplemented SAM property is reported', () => {
  assertReported(problemsAfter((t) => {
    t.Resources.ChargePaymentFunction.Properties.SnapStart = { ApplyOnn: 'PublishedVersions' };
  }), /SnapStart: unknown property ApplyOnn/);
});

test('a misspelled property inside an Fn::If branch is reported', () => {
  assertReported(problemsAfter((t) => {
    t.Resources.ChargePaymentFunction.Properties.ProvisionedConcurrencyConfig['Fn::If'][1] = { ProvisionedConcurrency: 5 };
  }), /ProvisionedConcurrencyConfig.Fn::If\[1\]: unknown property ProvisionedConcurrency/);
});

test('a misspelled Globals property is reported', () => {
  assertReported(problemsAfter((t) => { t.Globals.Function.Runtimes = 'java21'; }), /Globals.Function: unknown property Runtimes/);
});

test('a Ref to nothing, a GetAtt of a missing attribute and an unknown condition are reported', () => {
  const problems = problemsAfter((t) => {
    t.Resources.OrdersCreateFunction.Properties.Environment.Variables.STATE_MACHINE_ARN = { Ref: 'PlaceOrderMachine' };
    t.Resources.ProfilesStreamWelcomeFunction.Properties.Events.ProfileInserted.Properties.Stream = { 'Fn::GetAtt': ['ProfilesTable', 'StreamArnn'] };
    t.Resources.ChargePaymentFunction.Properties.SnapStart.ApplyOn['Fn::If'][0] = 'UseSnapstart';
  });
  assertReported(problems, /Ref to unknown parameter or resource PlaceOrderMachine/);
  assertReported(problems, /ProfilesTable has no attribute StreamArnn|has no attribute StreamArnn/);
  assertReported(problems, /unknown condition UseSnapstart/);
});

test('a Ref to a function alias without AutoPublishAlias is reported', () => {
  assertReported(problemsAfter((t) => { delete t.Resources.ChargePaymentFunction.Properties.AutoPublishAlias; }),
    /Ref ChargePaymentFunction.Alias needs AutoPublishAlias/);
});

test('short-form intrinsics are read as their long form', () => {
  const t = parseTemplate('A: !Ref X\nB: !GetAtt R.Arn\nC: !If [c, !Sub "${X}", !Ref AWS::NoValue]\nD: !Select [3, !Split ["/", !GetAtt T.StreamArn]]\n');
  assert.deepEqual(t.A, { Ref: 'X' });
  assert.deepEqual(t.B, { 'Fn::GetAtt': ['R', 'Arn'] });
  assert.deepEqual(t.C, { 'Fn::If': ['c', { 'Fn::Sub': '${X}' }, { Ref: 'AWS::NoValue' }] });
  assert.deepEqual(t.D, { 'Fn::Select': [3, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['T', 'StreamArn'] }] }] });
});

test('the SAM supplement is needed: without it the old SAM spec rejects the properties it lists', () => {
  const problems = check(parseTemplate(templateText), db, {});
  const names = ['SnapStart', 'LoggingConfig', 'FunctionResponseTypes', 'FilterCriteria', 'RetryPolicy', 'DeadLetterConfig'];
  for (const name of names) {
    assertReported(problems, new RegExp(`unknown property ${name}\\b`));
  }
  // Every rejection is one of the supplement's properties (LoggingConfig once per function that declares it).
  const listed = new RegExp(`unknown property (${names.join('|')})\\b`);
  assert.deepEqual(problems.filter((p) => !listed.test(p)), [], problems.join('\n'));
});

test('a tag without its Value, or with a misspelled key, is reported', () => {
  assertReported(problemsAfter((t) => { t.Resources.RdsVpc.Properties.Tags = [{ Key: 'Name', Vaule: 'x' }]; }),
    /RdsVpc.Properties.Tags\[0\]: unknown property Vaule of a tag/);
  assertReported(problemsAfter((t) => { t.Resources.RdsVpc.Properties.Tags = [{ Key: 'Name' }]; }),
    /RdsVpc.Properties.Tags\[0\]: missing required property Value of a tag/);
});
