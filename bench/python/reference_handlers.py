"""The Python 3 + boto3 reference: the tutorial's profile handlers, reduced to what they do against DynamoDB.

profiles_get: GetItem on PROFILES_TABLE by the path id (404 when missing).
profiles_upsert: PutItem of {userId (token sub), name (body), email (token), updatedAt}.
The client is created at import time (the Lambda init phase), as the tutorial does.
"""
import datetime
import json
import os

import boto3

_dynamodb = boto3.client(
    "dynamodb",
    region_name=os.environ.get("AWS_REGION", "us-east-1"),
    endpoint_url=os.environ.get("AWS_ENDPOINT_URL_DYNAMODB") or None,
)
_TABLE = os.environ["PROFILES_TABLE"]


def _response(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


def profiles_get(event, context):
    user_id = event["pathParameters"]["id"]
    item = _dynamodb.get_item(TableName=_TABLE, Key={"userId": {"S": user_id}}, ConsistentRead=True).get("Item")
    if item is None:
        return _response(404, {"message": "not found"})
    return _response(200, {k: list(v.values())[0] for k, v in item.items()})


def profiles_upsert(event, context):
    claims = event["requestContext"]["authorizer"]["claims"]
    body = json.loads(event["body"])
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
    item = {"userId": {"S": claims["sub"]}, "name": {"S": body["name"].strip()},
            "email": {"S": claims["email"]}, "updatedAt": {"S": now}}
    _dynamodb.put_item(TableName=_TABLE, Item=item)
    return _response(200, {"message": "profile upserted", "profile": {k: list(v.values())[0] for k, v in item.items()}})
