"""Transforms template.yaml with aws-sam-translator for every value of every parameter and checks what a
deployment's later updates depend on (run by sam/src/test/java/dev/ordersprofiles/sam/SamTransformTest.java):

- the charge-payment version changes identity (logical id, or a replacing property) whenever the function's
  resolved configuration changes, code included; two configurations with the same identity have the same function;
- SnapStart and provisioned concurrency are never on one version, in any configuration or across a switch;
- the state machine always calls the alias of every function that has one.

Then cfn-lint (informational checks included) on the template and on every transformed output, when installed.

usage: python3 sam_transform_check.py TEMPLATE OUT_DIR [--no-lint]
Prints one "problem: ..." line per finding and exits 1 if there is any; prints "skipped: ..." for what it
cannot run (exit 0).
"""
import copy
import json
import logging
import os
import subprocess
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
logging.disable(logging.WARNING)

try:
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse
except ImportError:  # pragma: no cover - depends on the machine
    print("skipped: aws-sam-translator is not installed for " + sys.executable)
    sys.exit(0)

# A value other than the default for every parameter without AllowedValues (AllowedValues are all tried).
# A new parameter must be added here, so that the check sees what it changes.
SAMPLES = {
    "StageName": "prod",
    "CallbackUrl": "https://example.com/callback",
    "LogoutUrl": "https://example.com/",
    "HostedUiDomainPrefix": "orders-sample",
    "CleanupSchedule": "rate(5 minutes)",
    "OrdersCreateReservedConcurrency": "7",
    "ChargePaymentProvisionedConcurrency": "2",
    "ApiThrottlingRateLimit": "10",
    "ApiThrottlingBurstLimit": "20",
    "PendingOrderTimeoutSeconds": "600",
    "OrderStuckAfterSeconds": "7200",
    "OrderRetentionDays": "7",
    "PendingIndexShards": "4",
    "SimStock": "A-1=5",
    "SimDeclineAbove": "100.00",
    "AlarmEmail": "ops@example.com",
    "HealthReservedConcurrency": "0",
    "ExportRetentionDays": "7",
    "ExportsDatabaseName": "orders_exports_sample",
    "RdsEngineVersion": "16.4",
}

CODE_URI = "s3://artifacts/function.jar"
OTHER_CODE_URI = "s3://artifacts/function-changed.jar"
WARM_FUNCTION = "ChargePaymentFunction"
STATE_MACHINE = "PlaceOrderStateMachine"


class _NoManagedPolicies:
    def load(self):
        return {}


LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions"


def packaged(template, code_uri, values):
    """The template as CloudFormation hands it to the SAM transform: code and definition in S3 (`sam package`),
    and AWS::LanguageExtensions applied to the resource policies (it runs first, Transform lists it first)."""
    t = copy.deepcopy(template)
    transforms = t.get("Transform")
    if isinstance(transforms, list) and LANGUAGE_EXTENSIONS in transforms:
        if transforms.index(LANGUAGE_EXTENSIONS) != 0:
            raise ValueError(LANGUAGE_EXTENSIONS + " must be the first transform")
        t["Transform"] = [x for x in transforms if x != LANGUAGE_EXTENSIONS][0]
        resolver = Resolver(t, values)
        for resource in t["Resources"].values():
            for attribute in ("DeletionPolicy", "UpdateReplacePolicy"):
                if isinstance(resource.get(attribute), dict):
                    resource[attribute] = resolver.resolve(resource[attribute])
    t.setdefault("Globals", {}).setdefault("Function", {})["CodeUri"] = code_uri
    for resource in t["Resources"].values():
        props = resource.get("Properties", {})
        if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in props:
            props["CodeUri"] = code_uri
        if resource.get("Type") == "AWS::Serverless::StateMachine" and "DefinitionUri" in props:
            props["DefinitionUri"] = "s3://artifacts/" + os.path.basename(str(props["DefinitionUri"]))
    return t


def configurations(template):
    """(name, parameter values, code uri): the defaults, then every other value of each parameter alone."""
    params = template.get("Parameters", {})
    defaults = {name: str(p.get("Default", "")) for name, p in params.items()}
    configs = [("defaults", dict(defaults), CODE_URI), ("changed-code", dict(defaults), OTHER_CODE_URI)]
    problems = []
    for name, p in params.items():
        if "AllowedValues" in p:
            others = [str(v) for v in p["AllowedValues"] if str(v) != defaults[name]]
        elif name in SAMPLES:
            others = [SAMPLES[name]]
        else:
            problems.append("parameter " + name + " has no sample value in sam/checks/sam_transform_check.py")
            continue
        for value in others:
            values = dict(defaults)
            values[name] = value
            configs.append((name + "=" + value, values, CODE_URI))
    return configs, problems


def condition_value_names(template, configs):
    """The configurations cfn-lint reads (it is slow): the defaults and each value of a parameter a condition uses."""
    text = json.dumps(template.get("Conditions", {}))
    driving = {name for name in template.get("Parameters", {}) if '{"Ref": "' + name + '"}' in text}
    if not LINT_ALL:
        # the optional database trigger adds a VPC, an instance and a function: lint it on as well as off
        driving = {"ChargePaymentWarmStart", "EnableRdsTrigger"}
        print("skipped: cfn-lint on the outputs of the other condition-driving parameters (set SAM_LINT_ALL=1)")
    return {"defaults"} | {name for name, _, _ in configs if name.split("=", 1)[0] in driving}


class Resolver:
    """Resolves parameters, conditions and the intrinsics that depend only on them, as CloudFormation would."""

    def __init__(self, template, values):
        self.values = values
        self.conditions = template.get("Conditions", {})
        self.cache = {}

    def holds(self, name):
        if name not in self.cache:
            self.cache[name] = bool(self.resolve(self.conditions[name]))
        return self.cache[name]

    def resolve(self, node):
        if isinstance(node, list):
            out = [self.resolve(v) for v in node]
            return [v for v in out if v != NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            (key, arg), = node.items()
            if key == "Ref" and arg in self.values:
                return self.values[arg]
            if key == "Ref" and arg == "AWS::NoValue":
                return NO_VALUE
            if key == "Condition":
                return self.holds(arg)
            if key == "Fn::If":
                return self.resolve(arg[1] if self.holds(arg[0]) else arg[2])
            if key == "Fn::Equals":
                a, b = (self.resolve(v) for v in arg)
                return str(a) == str(b)
            if key == "Fn::Not":
                return not self.resolve(arg[0])
            if key == "Fn::And":
                return all(self.resolve(v) for v in arg)
            if key == "Fn::Or":
                return any(self.resolve(v) for v in arg)
            if key == "Fn::Sub" and isinstance(arg, str):
                text = arg
                for name, value in self.values.items():
                    text = text.replace("${" + name + "}", str(value))
                return {"Fn::Sub": text} if "${" in text else text
            if key == "Fn::Join":
                parts = self.resolve(arg[1])
                if all(isinstance(p, (str, int, float)) for p in parts):
                    return str(arg[0]).join(str(p) for p in parts)
                return {"Fn::Join": [arg[0], parts]}
        out = {k: self.resolve(v) for k, v in node.items()}
        return {k: v for k, v in out.items() if v != NO_VALUE}


NO_VALUE = "<<AWS::NoValue>>"


def present(resources, resolver):
    return {lid: r for lid, r in resources.items() if "Condition" not in r or resolver.holds(r["Condition"])}


def is_ref(node, logical_id):
    return node == {"Ref": logical_id}


def check_configuration(name, output, values, problems, seen):
    resolver = Resolver(output, values)
    resources = present(output["Resources"], resolver)
    function = resources.get(WARM_FUNCTION)
    if function is None:
        problems.append(name + ": no " + WARM_FUNCTION)
        return
    versions = {lid: r for lid, r in resources.items() if r["Type"] == "AWS::Lambda::Version"
                and is_ref(r["Properties"].get("FunctionName"), WARM_FUNCTION)}
    aliases = {lid: r for lid, r in resources.items() if r["Type"] == "AWS::Lambda::Alias"
               and is_ref(r["Properties"].get("FunctionName"), WARM_FUNCTION)}
    if len(versions) != 1 or len(aliases) != 1:
        problems.append(name + ": expected one version and one alias of " + WARM_FUNCTION + ", found "
                        + str(sorted(versions)) + " and " + str(sorted(aliases)))
        return
    (version_id, version), = versions.items()
    (alias_id, alias), = aliases.items()
    if alias["Properties"].get("FunctionVersion") != {"Fn::GetAtt": [version_id, "Version"]}:
        problems.append(name + ": the alias does not point at the version " + version_id)
    if version.get("DeletionPolicy") != "Retain":
        problems.append(name + ": " + version_id + " needs DeletionPolicy Retain (SAM's default: a version whose"
                        + " logical id a new jar replaced may still be the alias's target while an update rolls back)")
    if resolver.resolve(function["Properties"].get("Description")) != resolver.resolve(
            version["Properties"].get("Description")):
        problems.append(name + ": the function's Description and the VersionDescription differ: a description"
                        + " change must change $LATEST too, or Lambda publishes no new version")

    # Identity: the logical id, and the resolved properties of the version (every one replaces the version).
    identity = json.dumps([version_id, resolver.resolve(version["Properties"])], sort_keys=True)
    configuration = json.dumps(resolver.resolve(function["Properties"]), sort_keys=True)
    snap_start = resolver.resolve(function["Properties"].get("SnapStart", {})).get("ApplyOn") == "PublishedVersions"
    provisioned = "ProvisionedConcurrencyConfig" in resolver.resolve(alias["Properties"])
    if snap_start and provisioned:
        problems.append(name + ": SnapStart and provisioned concurrency on version " + version_id)
    seen.append({"name": name, "identity": identity, "configuration": configuration, "version": version_id,
                 "snap_start": snap_start, "provisioned": provisioned})

    machine = resources.get(STATE_MACHINE)
    if machine is None:
        problems.append(name + ": no " + STATE_MACHINE)
        return
    substitutions = machine["Properties"].get("DefinitionSubstitutions", {})
    targets = [v for v in substitutions.values() if isinstance(v, dict)]
    if {"Ref": alias_id} not in targets:
        problems.append(name + ": the state machine does not call the alias " + alias_id + " of " + WARM_FUNCTION)
    for target in targets:
        if target in ({"Ref": WARM_FUNCTION}, {"Fn::GetAtt": [WARM_FUNCTION, "Arn"]}):
            problems.append(name + ": the state machine calls " + WARM_FUNCTION + " unqualified, not its alias")


def compare(seen, problems):
    by_identity = {}
    for s in seen:
        other = by_identity.setdefault(s["identity"], s)
        if other["configuration"] != s["configuration"]:
            problems.append("configurations '" + other["name"] + "' and '" + s["name"]
                            + "' change the function but keep its version identity " + s["version"]
                            + ": the alias would keep the old configuration")
    # A version is one identity: a switch of warm start that kept it would put provisioned concurrency on a
    # version published with SnapStart (AWS refuses the update).
    snap_versions = {s["identity"]: s["name"] for s in seen if s["snap_start"]}
    for s in seen:
        if s["provisioned"] and s["identity"] in snap_versions:
            problems.append("version " + s["version"] + " is published with SnapStart in '" + snap_versions[s["identity"]]
                            + "' and keeps its identity when it gets provisioned concurrency in '" + s["name"] + "'")


# Findings on SAM's own output that the template cannot change: I3042 flags the partition in the ARNs SAM
# writes into the OpenAPI body and permissions; W2001 flags StatefulResourcePolicy, which
# AWS::LanguageExtensions consumed before the SAM transform; I2530 is justified in the template's Metadata
# (which SAM does not carry into its output). The template itself is linted with everything.
OUTPUT_IGNORED = ["I3042", "W2001", "I2530"]
# cfn-lint takes tens of seconds per output on a loaded machine: by default it reads the defaults and each
# warm-start mode (the configurations whose versions and alias differ); SAM_LINT_ALL=1 adds one output per
# value of every other condition-driving parameter.
LINT_ALL = os.environ.get("SAM_LINT_ALL") == "1"


def lint(template_path, outputs, problems):
    run_cfn_lint([template_path], [], problems)
    run_cfn_lint(outputs, OUTPUT_IGNORED, problems)


def run_cfn_lint(files, ignored, problems):
    try:
        import cfnlint  # noqa: F401
    except ImportError:
        print("skipped: cfn-lint is not installed for " + sys.executable)
        return
    result = subprocess.run([sys.executable, "-c", "import sys; from cfnlint.runner import main; sys.exit(main())",
                             "--include-checks", "I", "--format", "parseable"]
                            + (["--ignore-checks"] + ignored if ignored else []) + ["--"] + files,
                            capture_output=True, text=True)
    findings = [line for line in result.stdout.splitlines() if line.strip()]
    for line in findings:
        problems.append("cfn-lint: " + line)
    if result.returncode not in (0,) and not findings:
        problems.append("cfn-lint failed: " + result.stderr.strip()[-2000:])
    print("cfn-lint: " + str(len(files)) + " files, " + str(len(findings)) + " findings")


def main(argv):
    template_path, out_dir = argv[1], argv[2]
    run_lint = "--no-lint" not in argv
    with open(template_path) as f:
        template = yaml_parse(f.read())
    os.makedirs(out_dir, exist_ok=True)
    configs, problems = configurations(template)
    lint_names = condition_value_names(template, configs)
    seen = []
    outputs = []
    for name, values, code_uri in configs:
        try:
            output = transform(packaged(template, code_uri, values), values, _NoManagedPolicies())
        except Exception as e:  # the translator reports template errors as exceptions
            problems.append(name + ": the transform fails: " + str(e))
            continue
        check_configuration(name, output, values, problems, seen)
        path = os.path.join(out_dir, "".join(c if c.isalnum() or c in "=-_." else "_" for c in name) + ".json")
        with open(path, "w") as f:
            json.dump(output, f, indent=1, sort_keys=True)
        outputs.append((path, name in lint_names))
    compare(seen, problems)
    print("transformed " + str(len(outputs)) + " configurations; charge-payment versions: "
          + str(len({s["identity"] for s in seen})) + " distinct identities for "
          + str(len({s["configuration"] for s in seen})) + " distinct function configurations")
    if run_lint:
        lint(template_path, [path for path, condition_value in outputs if condition_value], problems)
    else:
        print("skipped: cfn-lint (--no-lint)")
    for p in problems:
        print("problem: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
