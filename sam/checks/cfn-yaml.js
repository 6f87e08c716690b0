'use strict';
// Parses a CloudFormation/SAM YAML template, turning short-form intrinsics (!Ref, !Sub, !GetAtt,
// !If, ...) into their long form ({"Ref": ...}, {"Fn::Sub": ...}), as CloudFormation does.
const YAML = require('yaml');

const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select',
  'Split', 'Sub', 'Transform', 'If', 'Not', 'Equals', 'And', 'Or', 'ToJsonString', 'Length'];

function longForm(name, value) {
  if (name === 'Ref') return { Ref: value };
  if (name === 'Condition') return { Condition: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { ['Fn::' + name]: value };
}

const customTags = [];
for (const name of ['Ref', 'Condition', ...FUNCTIONS]) {
  customTags.push({ tag: '!' + name, resolve: (str) => longForm(name, str) });
  customTags.push({ tag: '!' + name, collection: 'seq', resolve: (seq) => longForm(name, seq.toJSON()) });
  customTags.push({ tag: '!' + name, collection: 'map', resolve: (map) => longForm(name, map.toJSON()) });
}

function parseTemplate(text) {
  const doc = YAML.parseDocument(text, { customTags, uniqueKeys: true, version: '1.1' });
  if (doc.errors.length) throw new Error(doc.errors.map((e) => e.message).join('\n'));
  if (doc.warnings.length) throw new Error(doc.warnings.map((e) => e.message).join('\n'));
  return doc.toJS({ maxAliasCount: -1 });
}

module.exports = { parseTemplate };
