"""Runs every case of cases.json on moto's Step Functions interpreter (LocalStack's engine, which LocalStack holds to
AWS-recorded snapshots) and writes corpus.json: each case with the outcome local-asl must reproduce.

The expected outcome is moto's, except where verdicts.json records that AWS behaves otherwise (with the reason and
its source); then corpus.json expects AWS's behaviour and keeps moto's as "moto" for the record.

    python3 record.py            # starts moto_server on a free loopback port, stops it at the end; writes
                                 # corpus.json (cases.json) and services.json (service integrations, run on moto's
                                 # DynamoDB and Step Functions after creating each case's table and child machines)
    python3 record.py --services # records services.json only
    python3 record.py --check    # writes nothing: compares moto with corpus.json and exits 1 on a new disagreement
"""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROLE = "arn:aws:iam::123456789012:role/conformance"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def outcome(client, case, index):
    import botocore.exceptions
    try:
        arn = client.create_state_machine(name="Test", definition=json.dumps(case["definition"]),
                                          roleArn=ROLE)["stateMachineArn"]
    except botocore.exceptions.ClientError:
        # AWS answers InvalidDefinition; moto 5.2 sends an empty code, so only the status is compared.
        return {"status": "INVALID"}
    try:
        ex = client.start_execution(stateMachineArn=arn, name="exec", input=json.dumps(case["input"]))["executionArn"]
    except botocore.exceptions.ClientError as e:
        # moto itself fails on some definitions (its JSONata support needs a Java bridge, for one).
        return {"status": "ENGINE_ERROR", "error": e.response["Error"]["Code"]}
    deadline = time.time() + 20
    while True:
        d = client.describe_execution(executionArn=ex)
        if d["status"] != "RUNNING" or time.time() > deadline:
            break
        time.sleep(0.05)
    result = {"status": d["status"]}
    if d.get("output"):
        try:
            result["output"] = json.loads(d["output"])
        except ValueError:
            result["outputNotJson"] = d["output"]
    if d.get("error") is not None:
        result["error"] = d["error"]
    if d.get("cause") is not None:
        result["cause"] = d["cause"]
    return result


ANY = "<any>"


def same(expected, actual):
    """JSON equality, where the expected value "<any>" stands for any value that is present (ARNs, dates)."""
    if expected == ANY:
        return actual is not None
    if isinstance(expected, dict):
        return isinstance(actual, dict) and expected.keys() == actual.keys() and all(
            same(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(
            same(e, a) for e, a in zip(expected, actual))
    return expected == actual


def agrees(expected, actual, definition):
    """The comparison ConformanceTest makes: status, output, error, and cause where the definition sets one."""
    if expected.get("status") != actual.get("status") or expected.get("error") != actual.get("error"):
        return False
    if "output" in expected and not same(expected["output"], actual.get("output")):
        return False
    return '"Cause' not in json.dumps(definition) or expected.get("cause") == actual.get("cause")


ACCOUNT = "123456789012"


def table_name(case):
    return "conf-" + case["name"]


def prepared(clients, case):
    """Creates the case's table (key "id", a string) with its items and its child machines; returns the case with
    ${table}, ${machine:Name} and ${account} replaced in its definition."""
    if "setup" not in case:
        return case
    sfn, ddb = clients
    table = table_name(case)
    ddb.create_table(TableName=table, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     BillingMode="PAY_PER_REQUEST")
    for item in case["setup"]["items"]:
        ddb.put_item(TableName=table, Item=item)
    text = json.dumps(case["definition"]).replace("${table}", table).replace("${account}", ACCOUNT)
    for name, definition in sorted(case["setup"]["machines"].items()):
        arn = sfn.create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE)["stateMachineArn"]
        text = text.replace("${machine:" + name + "}", arn)
    return dict(case, definition=json.loads(text))


def check(clients, fresh, corpus_file):
    client = clients[0]
    corpus = json.load(open(os.path.join(HERE, "..", "resources", "conformance", corpus_file)))
    agree, documented, new = 0, [], []
    for i, case in enumerate(corpus):
        fresh()
        moto = outcome(client, prepared(clients, case), i)
        if agrees(case["expected"], moto, case["definition"]):
            agree += 1
            if "verdict" in case:
                new.append((case["name"], "moto now agrees with AWS: drop the verdict", moto))
        elif "verdict" in case:
            documented.append(case["name"])
        else:
            new.append((case["name"], "moto differs from the expected outcome", moto))
    print(f"conformance corpus {corpus_file}: {len(corpus)} cases; moto agrees with the expected (AWS) outcome on {agree}; "
          f"{len(documented)} differ with a recorded verdict; {len(new)} differ without one")
    for name, why, moto in new:
        print(f"  {name}: {why}: {json.dumps(moto)[:300]}")
    return 1 if new else 0


CORPORA = {"corpus.json": "cases.json", "services.json": "services.json"}


def main():
    # Each corpus runs on a moto_server of its own: after JSONata definitions moto 5.2 refuses some later JSONPath
    # ones ("Unsupported declaration in QueryLanguage=JSONPath block"), so nothing must run after them in a process.
    status = 0
    for corpus_file, cases_file in CORPORA.items():
        if "--services" not in sys.argv or corpus_file == "services.json":
            status |= on_moto(corpus_file, cases_file)
    return status


def on_moto(corpus_file, cases_file):
    import boto3
    verdicts = json.load(open(os.path.join(HERE, "verdicts.json")))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/moto-api/reset", data=b"")
                break
            except OSError:
                time.sleep(0.1)
        def fresh():
            # moto 5.2 cannot start a second execution in one process (it deep-copies a lock), so every case
            # runs on a reset backend.
            urllib.request.urlopen(url + "/moto-api/reset", data=b"")
            urllib.request.urlopen(urllib.request.Request(
                url + "/moto-api/config", method="POST",
                data=json.dumps({"stepfunctions": {"execute_state_machine": True}}).encode(),
                headers={"Content-Type": "application/json"}))
        from botocore.config import Config
        options = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="conformance",
                       aws_secret_access_key="conformance", config=Config(retries={"max_attempts": 1}))
        clients = (boto3.client("stepfunctions", **options), boto3.client("dynamodb", **options))
        if "--check" in sys.argv:
            return check(clients, fresh, corpus_file)
        record(clients, fresh, verdicts, corpus_file, cases_file)
        return 0
    finally:
        server.terminate()
        server.wait()


def record(clients, fresh, verdicts, corpus_file, cases_file):
    cases = json.load(open(os.path.join(HERE, cases_file)))
    corpus = []
    for i, case in enumerate(cases):
        fresh()
        moto = outcome(clients[0], prepared(clients, case), i)
        entry = dict(case)
        verdict = verdicts.get(case["name"])
        if verdict is None and "aws" in case and not agrees(case["aws"]["expected"], moto, case["definition"]):
            verdict = {"expected": case["aws"]["expected"], "why": "AWS's outcome, from " + case["aws"]["source"]}
        if verdict:
            entry["expected"] = verdict["expected"]
            entry["verdict"] = verdict["why"]
            entry["moto"] = moto
        else:
            entry["expected"] = moto
        corpus.append(entry)
    with open(os.path.join(HERE, "..", "resources", "conformance", corpus_file), "w") as f:
        json.dump(corpus, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{corpus_file}: {len(corpus)} cases, {sum(1 for c in corpus if 'verdict' in c)} with a verdict "
          "against moto")


if __name__ == "__main__":
    sys.exit(main())
