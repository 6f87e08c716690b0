-- The data-level trigger: every row inserted into registrations invokes the rds-welcome function asynchronously
-- ('Event', as AWS recommends for triggers: the INSERT does not wait for the function, and a function error does not
-- roll the INSERT back; a Lambda API that cannot be reached does, since the trigger then raises). The function is named by the database setting rds_welcome.function (a name or an ARN),
-- set once per database before this runs:
--   ALTER DATABASE registrations SET rds_welcome.function = '<the stack output RdsWelcomeFunctionArn>';
-- README "The database trigger" has the steps. Idempotent: safe to run again.

CREATE EXTENSION IF NOT EXISTS aws_lambda CASCADE;  -- CASCADE also creates aws_commons

CREATE TABLE IF NOT EXISTS registrations (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    email      text        NOT NULL CHECK (position('@' IN email) > 1),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION registrations_welcome() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM aws_lambda.invoke(
        aws_commons.create_lambda_function_arn(current_setting('rds_welcome.function')),
        json_build_object('id', NEW.id, 'name', NEW.name, 'email', NEW.email, 'created_at', NEW.created_at),
        invocation_type => 'Event');
    RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS registrations_welcome ON registrations;
CREATE TRIGGER registrations_welcome
    AFTER INSERT ON registrations
    FOR EACH ROW EXECUTE FUNCTION registrations_welcome();
