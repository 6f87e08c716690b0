#!/usr/bin/env node
'use strict';
// Checks a CloudFormation/SAM template against the AWS resource specification carried offline by
// @aws-cdk/aws-service-spec (the CloudFormation registry schemas plus the SAM resource spec):
//   - every resource type exists;
//   - every property name exists (recursively, through nested property types, SAM event sources by
//     their Type, policy templates, values inside Fn::If branches);
//   - every required property is present;
//   - template sections, resource attributes, Ref/GetAtt/Sub targets and Condition names resolve.
// Values are not type-checked beyond object/array/scalar shape. SAM properties newer than the SAM
// spec in the package come from checks/sam-spec-supplement.json (each with its documentation link).
// Usage: node checks/cfn-spec-check.js template.yaml   (exit 1 and one line per problem if any)
const fs = require('node:fs');
const path = require('node:path');
const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');
const { parseTemplate } = require('./cfn-yaml');

const TOP_LEVEL = ['AWSTemplateFormatVersion', 'Transform', 'Description', 'Metadata', 'Parameters', 'Mappings',
  'Conditions', 'Rules', 'Resources', 'Outputs', 'Globals'];
const RESOURCE_ATTRIBUTES = ['Type', 'Properties', 'DependsOn', 'Condition', 'Metadata', 'DeletionPolicy',
  'UpdateReplacePolicy', 'CreationPolicy', 'UpdatePolicy'];
const PSEUDO = ['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region',
  'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix'];
// SAM event source Type -> definition name in the SAM spec.
const SAM_EVENT_DEFINITIONS = {
  S3: 'S3Event', SNS: 'SNSEvent', SQS: 'SQSEvent', Kinesis: 'KinesisEvent', DynamoDB: 'DynamoDBEvent',
  Api: 'ApiEvent', Schedule: 'ScheduleEvent', CloudWatchEvent: 'CloudWatchEventEvent',
  EventBridgeRule: 'EventBridgeRuleEvent', CloudWatchLogs: 'CloudWatchLogsEvent', IoTRule: 'IoTRuleEvent',
  AlexaSkill: 'AlexaSkillEvent', HttpApi: 'HttpApiEvent', Cognito: 'CognitoEvent'
};
// Attributes of SAM resources usable with GetAtt (those of the generated resources; SAM spec lists none).
const SAM_ATTRIBUTES = {
  'AWS::Serverless::Function': ['Arn'],
  'AWS::Serverless::StateMachine': ['Arn', 'Name'],
  'AWS::Serverless::Api': ['RootResourceId'],
  'AWS::Serverless::SimpleTable': [],
  'AWS::Serverless::LayerVersion': []
};
// References SAM resolves to resources it generates (<FunctionId>.Alias, <FunctionId>.Version, ...).
const SAM_REF_SUFFIXES = { 'AWS::Serverless::Function': ['Alias', 'Version'], 'AWS::Serverless::Api': ['Stage', 'Deployment'] };

function check(template, db, supplement) {
  const problems = [];
  const report = (where, msg) => problems.push(`${where}: ${msg}`);
  const resources = template.Resources || {};
  const parameters = template.Parameters || {};
  const conditions = template.Conditions || {};

  for (const key of Object.keys(template)) if (!TOP_LEVEL.includes(key)) report(key, 'unknown template section');
  if (!template.Resources) report('Resources', 'missing');

  const resourceSpec = (type) => db.lookup('resource', 'cloudFormationType', 'equals', type);

  const isIntrinsic = (v) => v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 &&
    (Object.keys(v)[0] === 'Ref' || Object.keys(v)[0].startsWith('Fn::') || Object.keys(v)[0] === 'Condition');

  // ---- references
  function checkRefs(value, where) {
    if (Array.isArray(value)) return value.forEach((v, i) => checkRefs(v, `${where}[${i}]`));
    if (!value || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Ref' && typeof v === 'string') checkRefTarget(v, where);
      else if (k === 'Fn::GetAtt') checkGetAtt(Array.isArray(v) ? v : String(v).split(/\.(.*)/s), where);
      else if (k === 'Fn::Sub') checkSub(v, where);
      else if ((k === 'Fn::If' || k === 'Condition') && (typeof v === 'string' || Array.isArray(v))) {
        const name = Array.isArray(v) ? v[0] : v;
        if (!(name in conditions)) report(where, `unknown condition ${name}`);
      }
      checkRefs(v, `${where}.${k}`);
    }
  }
  function checkRefTarget(name, where) {
    if (PSEUDO.includes(name) || name in parameters || name in resources) return;
    const dot = name.indexOf('.');
    if (dot > 0) {
      const res = resources[name.slice(0, dot)];
      const suffixes = res && SAM_REF_SUFFIXES[res.Type];
      if (suffixes && suffixes.includes(name.slice(dot + 1))) {
        if (name.endsWith('.Alias') && !(res.Properties || {}).AutoPublishAlias) report(where, `Ref ${name} needs AutoPublishAlias on ${name.slice(0, dot)}`);
        return;
      }
    }
    report(where, `Ref to unknown parameter or resource ${name}`);
  }
  function checkGetAtt([name, attribute], where) {
    const res = resources[name];
    if (!res) return report(where, `GetAtt of unknown resource ${name}`);
    if (typeof attribute !== 'string') return;
    if (res.Type in SAM_ATTRIBUTES) {
      if (!SAM_ATTRIBUTES[res.Type].includes(attribute)) report(where, `GetAtt ${name}.${attribute}: ${res.Type} has no attribute ${attribute}`);
      return;
    }
    const spec = resourceSpec(res.Type);
    if (spec.length === 1 && !(attribute in (spec.only().attributes || {}))) {
      report(where, `GetAtt ${name}.${attribute}: ${res.Type} has no attribute ${attribute}`);
    }
  }
  function checkSub(v, where) {
    const [text, vars] = Array.isArray(v) ? v : [v, {}];
    if (typeof text !== 'string') return;
    for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
      const name = m[1].trim();
      if (vars && name in vars) continue;
      if (name.includes('.') && !(name in parameters)) {
        const [res, ...attr] = name.split('.');
        const resource = resources[res];
        if (resource && SAM_REF_SUFFIXES[resource.Type] && SAM_REF_SUFFIXES[resource.Type].includes(attr.join('.'))) continue;
        checkGetAtt([res, attr.join('.')], where);
      } else checkRefTarget(name, where);
    }
  }

  // ---- property validation against the spec
  function validateObject(value, props, where, owner) {
    if (isIntrinsic(value)) return validateIntrinsic(value, (v, w) => validateObject(v, props, w, owner), where);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return report(where, 'expected an object');
    const extra = supplement[owner] || {};
    for (const [name, v] of Object.entries(value)) {
      if (props[name]) validateValue(v, props[name].type, `${where}.${name}`, owner);
      else if (extra[name]) validateSupplement(v, extra[name], `${where}.${name}`);
      else report(where, `unknown property ${name}` + (owner ? ` (${owner})` : ''));
    }
    for (const [name, p] of Object.entries(props)) {
      if (p.required && !(name in value)) report(where, `missing required property ${name}`);
    }
  }
  function validateSupplement(value, entry, where) {
    if (!entry.properties || isIntrinsic(value)) return;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return report(where, 'expected an object');
    for (const name of Object.keys(value)) if (!(name in entry.properties)) report(where, `unknown property ${name}`);
    for (const [name, p] of Object.entries(entry.properties)) if (p.required && !(name in value)) report(where, `missing required property ${name}`);
  }
  // Fn::If: validate both branches (AWS::NoValue stands for "absent"); other intrinsics: opaque.
  function validateIntrinsic(value, validate, where) {
    const [fn, args] = Object.entries(value)[0];
    if (fn !== 'Fn::If' || !Array.isArray(args) || args.length !== 3) return;
    for (const [i, branch] of [[1, args[1]], [2, args[2]]]) {
      if (branch && branch.Ref === 'AWS::NoValue') continue;
      validate(branch, `${where}.Fn::If[${i}]`);
    }
  }
  function definition(ref) { return db.get('typeDefinition', ref.$ref); }
  function ownerOf(owner, def) { return `${owner.split('.')[0]}.${def.name}`; }
  function validateValue(value, type, where, owner) {
    if (value === null || value === undefined) return;
    if (isIntrinsic(value)) return validateIntrinsic(value, (v, w) => validateValue(v, type, w, owner), where);
    switch (type.type) {
      case 'ref': {
        const def = definition(type.reference);
        return validateObject(value, def.properties, where, ownerOf(owner, def));
      }
      case 'array':
        if (!Array.isArray(value)) return report(where, 'expected a list');
        return value.forEach((v, i) => validateValue(v, type.element, `${where}[${i}]`, owner));
      case 'map':
        if (typeof value !== 'object' || Array.isArray(value)) return report(where, 'expected a map');
        return Object.entries(value).forEach(([k, v]) => validateValue(v, type.element, `${where}.${k}`, owner));
      case 'union': return validateUnion(value, type.types, where, owner);
      case 'json': return;
      case 'tag': // the spec's built-in tag type: {Key, Value}
        if (!value || typeof value !== 'object' || Array.isArray(value)) return report(where, 'expected a tag {Key, Value}');
        for (const name of Object.keys(value)) if (name !== 'Key' && name !== 'Value') report(where, `unknown property ${name} of a tag`);
        for (const name of ['Key', 'Value']) if (!(name in value)) report(where, `missing required property ${name} of a tag`);
        return;
      default:
        if (typeof value === 'object') report(where, `expected a ${type.type}, got ${Array.isArray(value) ? 'a list' : 'an object'}`);
    }
  }
  function validateUnion(value, types, where, owner) {
    const shape = Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : 'scalar';
    const candidates = types.filter((t) => shape === 'array' ? t.type === 'array'
      : shape === 'object' ? ['ref', 'map', 'json'].includes(t.type) : !['ref', 'map', 'array'].includes(t.type));
    if (candidates.length === 0) return report(where, `a ${shape} is not allowed here`);
    if (candidates.some((t) => t.type === 'json')) return;
    // SAM policy lists: a string (managed policy) or an object whose single key names a policy template.
    let best = null;
    for (const t of candidates) {
      const saved = problems.length;
      validateValue(value, t, where, owner);
      const found = problems.splice(saved);
      if (found.length === 0) return;
      if (!best || found.length < best.length) best = found;
    }
    problems.push(...best);
  }
  function validateSamEvents(events, where, type) {
    if (!events || isIntrinsic(events)) return;
    const res = resourceSpec(type).only();
    const eventDef = definition(res.properties.Events.type.element.reference);
    const byName = {};
    for (const t of eventDef.properties.Properties.type.types) { const d = definition(t.reference); byName[d.name] = d; }
    for (const [id, ev] of Object.entries(events)) {
      const w = `${where}.Events.${id}`;
      for (const k of Object.keys(ev)) if (!['Type', 'Properties'].includes(k)) report(w, `unknown key ${k}`);
      const defName = SAM_EVENT_DEFINITIONS[ev.Type];
      if (!defName || !byName[defName]) { report(w, `event type ${ev.Type} is not in the SAM spec`); continue; }
      validateObject(ev.Properties || {}, byName[defName].properties, `${w}.Properties`, `${type}.${defName}`);
    }
  }

  function validateResourceProperties(type, properties, where) {
    const found = resourceSpec(type);
    if (found.length !== 1) return report(where, `unknown resource type ${type}`);
    const spec = found.only();
    const props = { ...spec.properties };
    const isSamFunction = type === 'AWS::Serverless::Function';
    const own = { ...(properties || {}) };
    if (isSamFunction) { delete props.Events; delete own.Events; }
    validateObject(own, props, `${where}.Properties`, type);
    if (isSamFunction && properties && properties.Events) {
      validateSamEvents(properties.Events, `${where}.Properties`, type);
    }
  }

  for (const [id, res] of Object.entries(resources)) {
    const where = `Resources.${id}`;
    for (const k of Object.keys(res)) if (!RESOURCE_ATTRIBUTES.includes(k)) report(where, `unknown resource attribute ${k}`);
    if (typeof res.Type !== 'string') { report(where, 'missing Type'); continue; }
    if (res.Condition && !(res.Condition in conditions)) report(where, `unknown condition ${res.Condition}`);
    for (const dep of [].concat(res.DependsOn || [])) if (!(dep in resources)) report(where, `DependsOn unknown resource ${dep}`);
    if (res.Type.startsWith('Custom::')) continue;
    let properties = res.Properties;
    // Globals are merged into SAM resources before CloudFormation sees them: validate the merge.
    const globalsKey = { 'AWS::Serverless::Function': 'Function', 'AWS::Serverless::Api': 'Api', 'AWS::Serverless::StateMachine': 'StateMachine' }[res.Type];
    if (globalsKey && template.Globals && template.Globals[globalsKey]) properties = { ...template.Globals[globalsKey], ...(properties || {}) };
    validateResourceProperties(res.Type, properties, where);
  }
  for (const [key, globals] of Object.entries(template.Globals || {})) {
    const type = { Function: 'AWS::Serverless::Function', Api: 'AWS::Serverless::Api', HttpApi: 'AWS::Serverless::HttpApi',
      SimpleTable: 'AWS::Serverless::SimpleTable', StateMachine: 'AWS::Serverless::StateMachine', LayerVersion: 'AWS::Serverless::LayerVersion' }[key];
    if (!type) report(`Globals.${key}`, 'unknown Globals section');
    else for (const name of Object.keys(globals)) {
      const spec = resourceSpec(type).only();
      if (!spec.properties[name] && !(supplement[type] || {})[name]) report(`Globals.${key}`, `unknown property ${name}`);
    }
  }
  for (const [id, p] of Object.entries(parameters)) {
    if (!p.Type) report(`Parameters.${id}`, 'missing Type');
    if (p.Default !== undefined && p.AllowedValues && !p.AllowedValues.map(String).includes(String(p.Default))) {
      report(`Parameters.${id}`, `Default ${p.Default} is not among AllowedValues`);
    }
  }
  checkRefs(template.Resources, 'Resources');
  checkRefs(template.Outputs, 'Outputs');
  checkRefs(template.Globals, 'Globals');
  checkRefs(template.Conditions, 'Conditions');
  return problems;
}

function main() {
  const file = process.argv[2];
  if (!file) { console.error('usage: cfn-spec-check.js <template.yaml>'); process.exit(2); }
  const template = parseTemplate(fs.readFileSync(file, 'utf8'));
  const supplement = JSON.parse(fs.readFileSync(path.join(__dirname, 'sam-spec-supplement.json'), 'utf8'));
  delete supplement.description;
  const problems = check(template, loadAwsServiceSpecSync(), supplement);
  if (problems.length) {
    for (const p of problems) console.error(`SPEC: ${p}`);
    console.error(`${file}: ${problems.length} specification problem(s)`);
    process.exit(1);
  }
  console.log(`${file}: ${Object.keys(template.Resources).length} resources match the CloudFormation/SAM specification`);
}

module.exports = { check };
if (require.main === module) main();
