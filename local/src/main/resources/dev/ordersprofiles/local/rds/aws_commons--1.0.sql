-- aws_commons as RDS for PostgreSQL defines it (the parts aws_lambda uses): a function name with its region.
CREATE TYPE aws_commons._lambda_function_arn_1 AS (function_name text, region text);

CREATE FUNCTION aws_commons.create_lambda_function_arn(function_name text, region text DEFAULT NULL)
RETURNS aws_commons._lambda_function_arn_1
LANGUAGE sql IMMUTABLE
AS $$ SELECT ROW(function_name, region)::aws_commons._lambda_function_arn_1 $$;
