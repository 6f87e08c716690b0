-- aws_lambda.invoke with the signatures of RDS for PostgreSQL's extension (text or aws_commons name, json or jsonb
-- payload). An 'Event' call is queued in aws_lambda.local_invocations and announced with NOTIFY
-- aws_lambda_invoke: the local stack's listener invokes the function once the transaction commits (on AWS the call
-- is made at once, whatever the transaction does later). A function the stack does not have is an error here, as
-- Lambda's ResourceNotFoundException is on RDS. 'DryRun' checks the name only. 'RequestResponse' is refused:
-- the database cannot wait for the stack inside a transaction locally.

-- The stack's functions (name and ARN), written by the stack when it starts.
CREATE TABLE aws_lambda.local_functions (
    function_name text PRIMARY KEY,
    function_arn  text NOT NULL UNIQUE
);

CREATE TABLE aws_lambda.local_invocations (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    function_name  text NOT NULL,
    qualifier      text,
    payload        text NOT NULL,
    requested_at   timestamptz NOT NULL DEFAULT now()
);

-- The one implementation; the public signatures below call it. SECURITY DEFINER: a caller needs EXECUTE on invoke
-- only, as on RDS, not rights on the tables.
CREATE FUNCTION aws_lambda.local_invoke(function_name text, payload text, region text, invocation_type text,
                                        qualifier text)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    simple_name text := function_name;
    known       text;
    queued      bigint;
BEGIN
    IF function_name IS NULL OR function_name = '' THEN
        RAISE EXCEPTION 'aws_lambda.invoke: function_name must not be empty' USING ERRCODE = '22023';
    END IF;
    -- A name, a partial ARN (123456789012:function:name) or an ARN, optionally with :qualifier, as Lambda accepts.
    IF position(':function:' IN simple_name) > 0 THEN
        simple_name := substr(simple_name, position(':function:' IN simple_name) + length(':function:'));
    END IF;
    IF position(':' IN simple_name) > 0 THEN
        qualifier := coalesce(qualifier, substr(simple_name, position(':' IN simple_name) + 1));
        simple_name := substr(simple_name, 1, position(':' IN simple_name) - 1);
    END IF;
    SELECT f.function_name INTO known FROM aws_lambda.local_functions f WHERE f.function_name = simple_name;
    IF known IS NULL THEN
        RAISE EXCEPTION 'aws_lambda.invoke: Function not found: % (the local stack has: %)', function_name,
            (SELECT string_agg(f.function_name, ', ' ORDER BY f.function_name) FROM aws_lambda.local_functions f)
            USING ERRCODE = '42704';
    END IF;
    CASE coalesce(invocation_type, 'RequestResponse')
        WHEN 'DryRun' THEN
            RETURN 204;
        WHEN 'Event' THEN
            INSERT INTO aws_lambda.local_invocations (function_name, qualifier, payload)
            VALUES (known, qualifier, coalesce(payload, '{}')) RETURNING id INTO queued;
            PERFORM pg_notify('aws_lambda_invoke', queued::text);
            RETURN 202;
        WHEN 'RequestResponse' THEN
            RAISE EXCEPTION 'aws_lambda.invoke: invocation_type RequestResponse is not available locally (the local stack runs the function after the transaction commits); use ''Event'''
                USING ERRCODE = '0A000';
        ELSE
            RAISE EXCEPTION 'aws_lambda.invoke: unknown invocation_type %', invocation_type USING ERRCODE = '22023';
    END CASE;
END;
$$;

CREATE FUNCTION aws_lambda.invoke(
    IN function_name text, IN payload json, IN region text DEFAULT NULL,
    IN invocation_type text DEFAULT 'RequestResponse', IN log_type text DEFAULT 'None', IN context json DEFAULT NULL,
    IN qualifier varchar(128) DEFAULT NULL,
    OUT status_code int, OUT payload json, OUT executed_version text, OUT log_result text)
LANGUAGE sql
AS $$ SELECT aws_lambda.local_invoke($1, $2::text, $3, $4, $7), NULL::json, '$LATEST'::text, NULL::text $$;

CREATE FUNCTION aws_lambda.invoke(
    IN function_name aws_commons._lambda_function_arn_1, IN payload json,
    IN invocation_type text DEFAULT 'RequestResponse', IN log_type text DEFAULT 'None', IN context json DEFAULT NULL,
    IN qualifier varchar(128) DEFAULT NULL,
    OUT status_code int, OUT payload json, OUT executed_version text, OUT log_result text)
LANGUAGE sql
AS $$ SELECT aws_lambda.local_invoke(($1).function_name, $2::text, ($1).region, $3, $6), NULL::json, '$LATEST'::text,
             NULL::text $$;

CREATE FUNCTION aws_lambda.invoke(
    IN function_name text, IN payload jsonb, IN region text DEFAULT NULL,
    IN invocation_type text DEFAULT 'RequestResponse', IN log_type text DEFAULT 'None', IN context jsonb DEFAULT NULL,
    IN qualifier varchar(128) DEFAULT NULL,
    OUT status_code int, OUT payload jsonb, OUT executed_version text, OUT log_result text)
LANGUAGE sql
AS $$ SELECT aws_lambda.local_invoke($1, $2::text, $3, $4, $7), NULL::jsonb, '$LATEST'::text, NULL::text $$;

CREATE FUNCTION aws_lambda.invoke(
    IN function_name aws_commons._lambda_function_arn_1, IN payload jsonb,
    IN invocation_type text DEFAULT 'RequestResponse', IN log_type text DEFAULT 'None', IN context jsonb DEFAULT NULL,
    IN qualifier varchar(128) DEFAULT NULL,
    OUT status_code int, OUT payload jsonb, OUT executed_version text, OUT log_result text)
LANGUAGE sql
AS $$ SELECT aws_lambda.local_invoke(($1).function_name, $2::text, ($1).region, $3, $6), NULL::jsonb,
             '$LATEST'::text, NULL::text $$;
