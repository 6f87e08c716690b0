"""The conformance corpus: state machine definitions and inputs run on local-asl and on an independent engine.

Run `python3 cases.py` to write cases.json (definitions and inputs only). record.py then runs every case on
moto's Step Functions interpreter (LocalStack's engine) and writes corpus.json with each case's expected outcome;
where the engines disagree, verdicts.json records what AWS does and why, and that is what corpus.json expects.
Only states that need no Lambda function are used, so that both engines run them without Docker.
"""
import json
import os

cases = []


def case(name, definition, input_=None):
    cases.append({"name": name, "definition": definition, "input": input_ if input_ is not None else {}})


def pass_params(params, extra=None):
    state = {"Type": "Pass", "Parameters": params, "End": True}
    if extra:
        state.update(extra)
    return {"StartAt": "P", "States": {"P": state}}


DOC = {"a": {"b": [10, 20, 30], "c d": "space", "n": None},
       "items": [{"sku": "A", "qty": 1, "price": 8.95, "tags": ["x"]},
                 {"sku": "B", "qty": 2, "price": 12.5, "tags": []},
                 {"sku": "C", "qty": 3, "price": 22, "tags": ["x", "y"]}],
       "name": "Arnav", "n": 111, "f": 1.5, "s": "a,b,,c", "t": "true", "obj": {"k": 1, "l": [1, 2]},
       "json": "{\"number\": 20}", "empty": "", "blank": "   ", "arr": [1, 2, 3, 3, 4], "nested": [[1, 2], [3]],
       "date": "2024-01-02T03:04:05Z", "flag": True, "zero": 0, "neg": -1.5, "half": 2.5}

# ---- JSONPath reads (Parameters)
paths = ["$.a.b[1]", "$.a.b[-1]", "$['a']['c d']", "$.a.n", "$.items[*].sku", "$.items[0:2].qty", "$.a.b[0,2]",
         "$..sku", "$.items.*.qty", "$.items[?(@.price > 10)].sku", "$.items[?(@.qty == 2)].sku",
         "$.items[?(@.sku != 'A')].qty", "$.items[?(@.price < 10 || @.qty > 2)].sku",
         "$.items[?(@.price >= 12.5 && @.qty <= 2)].sku", "$.items[-1:].sku", "$.items[:1].sku", "$.a",
         "$.items[1]", "$.obj.l[0]", "$.nested[1][0]", "$.items[?(@.tags)].sku", "$.arr[1:3]", "$"]
for i, p in enumerate(paths):
    case(f"jsonpath-read-{i:02d}", pass_params({"v.$": p}), DOC)
case("jsonpath-missing-definite", pass_params({"v.$": "$.nope"}), DOC)
case("jsonpath-missing-indefinite", pass_params({"v.$": "$.nope[*]"}), DOC)

# ---- intrinsic functions
intrinsics = [
    "States.Format('Hello, {}!', $.name)", "States.Format('{} and {}', $.n, $.flag)",
    "States.Format('x\\{\\} {}', $.name)", "States.Format('{}', $.a.n)", "States.Format('v={}', $.f)",
    "States.StringToJson($.json)", "States.JsonToString($.obj)", "States.Array(1, 'two', $.flag, null)",
    "States.Array()", "States.ArrayPartition($.arr, 2)", "States.ArrayPartition($.arr, 10)",
    "States.ArrayContains($.arr, 3)", "States.ArrayContains($.arr, 9)", "States.ArrayRange(1, 9, 2)",
    "States.ArrayRange(0, 0, 1)", "States.ArrayGetItem($.arr, 0)",
    "States.ArrayGetItem($.arr, 4)", "States.ArrayLength($.arr)", "States.ArrayLength($.nested)",
    "States.ArrayUnique($.arr)", "States.Base64Encode($.name)", "States.Base64Decode('QXJuYXY=')",
    "States.Hash($.name, 'MD5')", "States.Hash($.name, 'SHA-1')", "States.Hash($.name, 'SHA-256')",
    "States.Hash($.name, 'SHA-384')", "States.Hash($.name, 'SHA-512')",
    "States.JsonMerge($.obj, States.StringToJson('{\"k\": 2}'), false)", "States.MathAdd($.n, -11)",
    "States.MathAdd(1, 2)", "States.MathAdd($.f, 1)", "States.MathAdd($.neg, 0)", "States.MathAdd($.half, 0)",
    "States.StringSplit($.s, ',')", "States.StringSplit('a b  c', ' ')", "States.StringSplit($.name, 'x')",
    "States.ArrayLength(States.Array($.name, $.n))", "States.Format('{}', States.ArrayLength($.arr))",
    "States.StringToJson($.empty)", "States.StringToJson($.blank)", "States.Format('o={}', $.obj)",
    "States.Format('a={}', $.arr)", "States.ArrayGetItem($.arr, 9)", "States.ArrayLength($.name)",
    "States.MathAdd($.name, 1)", "States.Base64Decode('not base64!')", "States.Hash($.name, 'SHA-999')",
]
for i, fn in enumerate(intrinsics):
    case(f"intrinsic-{i:02d}", pass_params({"v.$": fn}), DOC)

# ---- input and output processing
case("io-inputpath", {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.a", "End": True}}}, DOC)
case("io-inputpath-null", {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": None, "End": True}}}, DOC)
case("io-outputpath", {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "$.obj", "End": True}}}, DOC)
case("io-outputpath-null", {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": None, "End": True}}}, DOC)
case("io-result", {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"x": 1}, "End": True}}}, DOC)
case("io-resultpath", {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.r",
                                                       "End": True}}}, {"in": 1})
case("io-resultpath-deep", {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 5, "ResultPath": "$.a.b.c",
                                                            "End": True}}}, {"a": {"x": 1}})
case("io-resultpath-null", {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 5, "ResultPath": None,
                                                            "End": True}}}, {"keep": True})
case("io-resultpath-overwrite", {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 5, "ResultPath": "$.k",
                                                                 "End": True}}}, {"k": {"old": 1}})
case("io-all", {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.obj",
                                                "Parameters": {"k2.$": "$.k", "lit": [1, {"x.$": "$.l"}]},
                                                "ResultPath": "$.out", "OutputPath": "$.out", "End": True}}}, DOC)
case("io-context", pass_params({"name.$": "$$.Execution.Name", "state.$": "$$.State.Name",
                                "machine.$": "$$.StateMachine.Name"}), DOC)
case("io-context-inputpath", {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$$.Execution.Input.obj",
                                                              "End": True}}}, DOC)
case("io-params-nested", pass_params({"a": {"b": {"c.$": "$.n"}}, "arr": [{"x.$": "$.name"}, 2]}), DOC)
case("io-resultpath-scalar-input", {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1,
                                                                    "ResultPath": "$.x", "End": True}}}, 5)

# ---- Choice
ops = [("StringEquals", "$.name", "Arnav"), ("StringEquals", "$.name", "x"), ("StringLessThan", "$.name", "B"),
       ("StringGreaterThan", "$.name", "A"), ("StringLessThanEquals", "$.name", "Arnav"),
       ("StringGreaterThanEquals", "$.name", "Z"), ("StringMatches", "$.name", "Ar*"),
       ("StringMatches", "$.name", "*v"), ("StringMatches", "$.name", "x*"), ("NumericEquals", "$.n", 111),
       ("NumericLessThan", "$.n", 111), ("NumericGreaterThan", "$.f", 1), ("NumericLessThanEquals", "$.f", 1.5),
       ("NumericGreaterThanEquals", "$.zero", 0), ("BooleanEquals", "$.flag", True),
       ("BooleanEquals", "$.flag", False), ("TimestampEquals", "$.date", "2024-01-02T03:04:05Z"),
       ("TimestampLessThan", "$.date", "2025-01-01T00:00:00Z"), ("TimestampGreaterThan", "$.date", "2025-01-01T00:00:00Z"),
       ("IsPresent", "$.name", True), ("IsPresent", "$.missing", True), ("IsNull", "$.a.n", True),
       ("IsNull", "$.name", True), ("IsString", "$.name", True), ("IsString", "$.n", True),
       ("IsNumeric", "$.n", True), ("IsNumeric", "$.t", True), ("IsBoolean", "$.flag", True),
       ("IsBoolean", "$.t", True), ("IsTimestamp", "$.date", True), ("IsTimestamp", "$.name", True),
       ("NumericEqualsPath", "$.n", "$.n"), ("StringEqualsPath", "$.name", "$.a.c d"),
       ("NumericLessThanPath", "$.zero", "$.f"), ("StringEquals", "$.n", "111"), ("NumericEquals", "$.name", 1)]
for i, (op, var, val) in enumerate(ops):
    if op.endswith("Path"):
        val = "$['a']['c d']" if val == "$.a.c d" else val
    rule = {"Variable": var, op: val, "Next": "Yes"}
    case(f"choice-{i:02d}-{op}", {"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [rule], "Default": "No"},
        "Yes": {"Type": "Pass", "Result": {"branch": "yes"}, "End": True},
        "No": {"Type": "Pass", "Result": {"branch": "no"}, "End": True}}}, DOC)
case("choice-and-or-not", {"StartAt": "C", "States": {
    "C": {"Type": "Choice", "Choices": [{"And": [{"Variable": "$.n", "NumericGreaterThan": 100},
                                                 {"Or": [{"Variable": "$.name", "StringEquals": "x"},
                                                         {"Not": {"Variable": "$.flag", "BooleanEquals": False}}]}],
                                         "Next": "Yes"}], "Default": "No"},
    "Yes": {"Type": "Succeed"}, "No": {"Type": "Fail", "Error": "No"}}}, DOC)
case("choice-no-match", {"StartAt": "C", "States": {
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Y"}]},
    "Y": {"Type": "Succeed"}}}, DOC)
case("choice-missing-variable", {"StartAt": "C", "States": {
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.missing", "NumericEquals": 1, "Next": "Y"}], "Default": "Y"},
    "Y": {"Type": "Succeed"}}}, DOC)
case("choice-outputpath", {"StartAt": "C", "States": {
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 111, "Next": "Y"}], "OutputPath": "$.obj"},
    "Y": {"Type": "Succeed"}}}, DOC)
case("choice-context-variable", {"StartAt": "C", "States": {
    "C": {"Type": "Choice", "Choices": [{"Variable": "$$.State.Name", "StringEquals": "C", "Next": "Y"}],
          "Default": "N"}, "Y": {"Type": "Succeed"}, "N": {"Type": "Fail"}}}, DOC)

# ---- Succeed, Fail, Wait
case("succeed-inputpath", {"StartAt": "S", "States": {"S": {"Type": "Succeed", "InputPath": "$.obj"}}}, DOC)
case("fail-error-cause", {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "C"}}}, DOC)
case("fail-error-only", {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}}, DOC)
case("fail-neither", {"StartAt": "F", "States": {"F": {"Type": "Fail"}}}, DOC)
case("fail-paths", {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.name", "CausePath": "$.s"}}}, DOC)
case("fail-path-intrinsic", {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.name",
                                                             "CausePath": "States.Format('n={}', $.n)"}}}, DOC)
case("wait-seconds", {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 0, "End": True}}}, DOC)
case("wait-seconds-path", {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.zero",
                                                           "OutputPath": "$.obj", "End": True}}}, DOC)
case("wait-timestamp-past", {"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "2020-01-01T00:00:00Z",
                                                             "End": True}}}, DOC)
case("wait-timestamp-path", {"StartAt": "W", "States": {"W": {"Type": "Wait", "TimestampPath": "$.date",
                                                             "End": True}}}, DOC)
case("wait-bad-seconds-path", {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.name",
                                                               "End": True}}}, DOC)

# ---- Parallel
case("parallel-two", {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": True, "Branches": [
    {"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.name", "End": True}}},
    {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": 2, "End": True}}}]}}}, DOC)
case("parallel-resultselector", {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": True,
    "ResultSelector": {"first.$": "$[0]", "n.$": "States.ArrayLength($)"}, "ResultPath": "$.r", "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "End": True}}},
        {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": 2, "End": True}}}]}}}, {"in": 0})
case("parallel-parameters", {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": True,
    "Parameters": {"x.$": "$.n"}, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}]}}}, DOC)
case("parallel-fail-uncaught", {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": True, "Branches": [
    {"StartAt": "A", "States": {"A": {"Type": "Fail", "Error": "Boom", "Cause": "bad"}}},
    {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": True}}}]}}}, DOC)
case("parallel-fail-caught", {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "Done", "Branches": [
    {"StartAt": "A", "States": {"A": {"Type": "Fail", "Error": "Boom", "Cause": "bad"}}}],
    "Catch": [{"ErrorEquals": ["Boom"], "ResultPath": "$.err", "Next": "Done"}]},
    "Done": {"Type": "Pass", "End": True}}}, {"in": 1})
case("parallel-catch-all", {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "Done", "Branches": [
    {"StartAt": "A", "States": {"A": {"Type": "Fail", "Error": "Other"}}}],
    "Catch": [{"ErrorEquals": ["Boom"], "Next": "Done"}, {"ErrorEquals": ["States.ALL"], "Next": "Done"}]},
    "Done": {"Type": "Pass", "End": True}}}, {"in": 1})
case("parallel-retry-then-catch", {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "Done", "Branches": [
    {"StartAt": "A", "States": {"A": {"Type": "Fail", "Error": "Flaky"}}}],
    "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 1, "BackoffRate": 1.0}],
    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}]},
    "Done": {"Type": "Pass", "End": True}}}, {})
case("parallel-nested", {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": True, "Branches": [
    {"StartAt": "Q", "States": {"Q": {"Type": "Parallel", "End": True, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "deep", "End": True}}}]}}}]}}}, {})
case("parallel-choice-inside", {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": True, "Branches": [
    {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
        {"Variable": "$.n", "NumericGreaterThan": 100, "Next": "Big"}], "Default": "Small"},
        "Big": {"Type": "Pass", "Result": {"size": "big"}, "End": True},
        "Small": {"Type": "Pass", "Result": {"size": "small"}, "End": True}}}]}}}, DOC)

# ---- Map (inline)
def map_state(extra, processor=None):
    state = {"Type": "Map", "End": True,
             "ItemProcessor": processor or {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": True}}}}
    state.update(extra)
    return {"StartAt": "M", "States": {"M": state}}


case("map-items-path", map_state({"ItemsPath": "$.items"}), DOC)
case("map-item-selector", map_state({"ItemsPath": "$.arr", "ItemSelector": {"v.$": "$$.Map.Item.Value",
                                                                            "i.$": "$$.Map.Item.Index",
                                                                            "name.$": "$.name"}}), DOC)
case("map-parameters-legacy", {"StartAt": "M", "States": {"M": {"Type": "Map", "End": True, "ItemsPath": "$.arr",
    "Parameters": {"v.$": "$$.Map.Item.Value"},
    "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": True}}}}}}, DOC)
case("map-result-selector", map_state({"ItemsPath": "$.arr", "ResultSelector": {"n.$": "States.ArrayLength($)"}}), DOC)
case("map-resultpath", map_state({"ItemsPath": "$.arr", "ResultPath": "$.out", "OutputPath": "$.out"}), DOC)
case("map-empty", map_state({"ItemsPath": "$.empty_list"}), {"empty_list": []})
case("map-max-concurrency", map_state({"ItemsPath": "$.arr", "MaxConcurrency": 1}), DOC)
case("map-not-array", map_state({"ItemsPath": "$.name"}), DOC)
case("map-iteration-fails", map_state({"ItemsPath": "$.arr"}, {"StartAt": "C", "States": {
    "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 4, "Next": "F"}], "Default": "OK"},
    "F": {"Type": "Fail", "Error": "Four"}, "OK": {"Type": "Pass", "End": True}}}), DOC)
case("map-transform", map_state({"ItemsPath": "$.items"}, {"StartAt": "T", "States": {
    "T": {"Type": "Pass", "Parameters": {"sku.$": "$.sku", "double.$": "States.MathAdd($.qty, $.qty)"},
          "End": True}}}), DOC)
case("map-nested", map_state({"ItemsPath": "$.nested"}, {"StartAt": "Inner", "States": {
    "Inner": {"Type": "Map", "ItemsPath": "$", "End": True,
              "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": True}}}}}}), DOC)
case("map-caught", {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.arr", "Next": "D",
    "ItemProcessor": {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "c"}}},
    "Catch": [{"ErrorEquals": ["E"], "Next": "D"}]}, "D": {"Type": "Pass", "End": True}}}, DOC)

# ---- variables (Assign, JSONPath)
case("assign-pass", {"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Assign": {"x.$": "$.n", "y": "lit"}, "Next": "B"},
    "B": {"Type": "Pass", "Parameters": {"x.$": "$x", "y.$": "$y"}, "End": True}}}, DOC)
case("assign-parallel-semantics", {"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Assign": {"x": 1, "y": 2}, "Next": "B"},
    "B": {"Type": "Pass", "Assign": {"x.$": "$y", "y.$": "$x"}, "Next": "C"},
    "C": {"Type": "Pass", "Parameters": {"x.$": "$x", "y.$": "$y"}, "End": True}}}, {})
case("assign-after-parameters", {"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Parameters": {"p.$": "$.n"}, "Assign": {"seen.$": "$.p"}, "Next": "B"},
    "B": {"Type": "Pass", "Parameters": {"seen.$": "$seen"}, "End": True}}}, DOC)
case("assign-choice-rule", {"StartAt": "C", "States": {
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 1, "Next": "D",
                                         "Assign": {"branch": "big"}}], "Default": "D", "Assign": {"branch": "dflt"}},
    "D": {"Type": "Pass", "Parameters": {"b.$": "$branch"}, "End": True}}}, DOC)
case("assign-choice-default", {"StartAt": "C", "States": {
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": 1, "Next": "D",
                                         "Assign": {"branch": "small"}}], "Default": "D", "Assign": {"branch": "dflt"}},
    "D": {"Type": "Pass", "Parameters": {"b.$": "$branch"}, "End": True}}}, DOC)
case("assign-intrinsic", {"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Assign": {"len.$": "States.ArrayLength($.arr)"}, "Next": "B"},
    "B": {"Type": "Pass", "Parameters": {"len.$": "$len"}, "End": True}}}, DOC)
case("assign-wait", {"StartAt": "W", "States": {
    "W": {"Type": "Wait", "Seconds": 0, "Assign": {"w.$": "$.name"}, "Next": "B"},
    "B": {"Type": "Pass", "Parameters": {"w.$": "$w"}, "End": True}}}, DOC)
case("assign-catch", {"StartAt": "P", "States": {
    "P": {"Type": "Parallel", "Next": "D", "Branches": [
        {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "why"}}}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"err.$": "$.Error"}, "Next": "D"}]},
    "D": {"Type": "Pass", "Parameters": {"err.$": "$err"}, "End": True}}}, {})
case("assign-branch-scope", {"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Assign": {"x": "outer"}, "Next": "P"},
    "P": {"Type": "Parallel", "Next": "C", "Branches": [{"StartAt": "B", "States": {
        "B": {"Type": "Pass", "Parameters": {"seen.$": "$x"}, "End": True}}}]},
    "C": {"Type": "Pass", "Parameters": {"branch.$": "$[0]", "x.$": "$x"}, "End": True}}}, {})
case("assign-map-reads-outer", {"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Assign": {"k": 10}, "Next": "M"},
    "M": {"Type": "Map", "ItemsPath": "$.arr", "End": True, "ItemProcessor": {"StartAt": "I", "States": {
        "I": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($, $k)"}, "End": True}}}}}}, DOC)
case("assign-unassigned", {"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Parameters": {"x.$": "$nope"}, "End": True}}}, {})
case("assign-parallel-result", {"StartAt": "P", "States": {
    "P": {"Type": "Parallel", "Next": "D", "Assign": {"first.$": "$[0]"}, "ResultPath": None, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "r0", "End": True}}}]},
    "D": {"Type": "Pass", "Parameters": {"first.$": "$first", "in.$": "$"}, "End": True}}}, {"k": 1})

# ---- flows
case("flow-chain", {"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Result": 1, "ResultPath": "$.a", "Next": "B"},
    "B": {"Type": "Pass", "Result": 2, "ResultPath": "$.b", "Next": "C"},
    "C": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "End": True}}}, {})
case("flow-loop", {"StartAt": "Init", "States": {
    "Init": {"Type": "Pass", "Result": 0, "ResultPath": "$.i", "Next": "Loop"},
    "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericGreaterThanEquals": 3, "Next": "Done"}],
             "Default": "Inc"},
    "Inc": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Loop"},
    "Done": {"Type": "Succeed"}}}, {})
case("flow-timeout-top", {"TimeoutSeconds": 60, "StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}, {"x": 1})
case("flow-comment-version", {"Comment": "c", "Version": "1.0", "StartAt": "A",
                              "States": {"A": {"Type": "Pass", "Comment": "s", "End": True}}}, {"x": 1})
case("flow-succeed-after-choice", {"StartAt": "C", "States": {
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.flag", "BooleanEquals": True, "Next": "S"}], "Default": "F"},
    "S": {"Type": "Succeed", "OutputPath": "$.obj"}, "F": {"Type": "Fail"}}}, DOC)
case("flow-resultpath-error", {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "ResultPath": "$.x.y",
                                                               "End": True}}}, {"x": 5})
case("flow-runtime-error-caught", {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "D", "Branches": [
    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"v.$": "$.nope"}, "End": True}}}],
    "Catch": [{"ErrorEquals": ["States.Runtime"], "ResultPath": "$.e", "Next": "D"}]},
    "D": {"Type": "Pass", "Parameters": {"error.$": "$.e.Error"}, "End": True}}}, {})
case("flow-intrinsic-failure-caught", {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "D", "Branches": [
    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"v.$": "States.ArrayLength($.s)"}, "End": True}}}],
    "Catch": [{"ErrorEquals": ["States.IntrinsicFailure"], "ResultPath": "$.e", "Next": "D"}]},
    "D": {"Type": "Pass", "Parameters": {"error.$": "$.e.Error"}, "End": True}}}, {"s": "x"})
case("flow-task-failed-not-runtime", {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "D", "Branches": [
    {"StartAt": "A", "States": {"A": {"Type": "Fail", "Error": "Custom"}}}],
    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "D"}]},
    "D": {"Type": "Pass", "Result": {"caught": "States.TaskFailed"}, "End": True}}}, {})

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(cases)} cases")
