package dev.ordersprofiles.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateReaderTest {
    static final Path SAM_TEMPLATE = Path.of("..", "sam", "template.yaml");

    @Test
    void the_project_template_yields_every_function_route_and_event_source() {
        Template template = TemplateReader.read(SAM_TEMPLATE, Map.of());

        assertThat(template.functions()).extracting(FunctionDef::name).contains("health", "profiles-upsert",
                "profiles-get", "orders-create", "orders-get", "validate-order", "reserve-inventory",
                "charge-payment", "confirm-order", "release-inventory", "refund-payment", "mark-order-failed",
                "profiles-stream-welcome", "orders-cleanup");
        assertThat(template.routes()).extracting(r -> r.method() + " " + r.path() + " " + r.authorized())
                .containsExactlyInAnyOrder("GET /health false", "POST /profiles true", "GET /profiles/{id} true",
                        "POST /orders true", "GET /orders/{id} true", "GET /orders true");
        FunctionDef create = template.function("orders-create").orElseThrow();
        assertThat(create.handlerClass()).isEqualTo("dev.ordersprofiles.handlers.http.PlaceOrderHandler");
        assertThat(create.handlerMethod()).isEqualTo("handleRequest");
        assertThat(create.reservedConcurrency()).hasValue(50);
        assertThat(create.environment()).containsEntry("ORDERS_TABLE", "orders")
                .containsEntry("STATE_MACHINE_ARN",
                        "arn:aws:states:us-east-1:000000000000:stateMachine:PlaceOrderStateMachine")
                .doesNotContainKey("SIM_STOCK");
        assertThat(template.schedules()).singleElement().satisfies(s -> {
            assertThat(s.functionName()).isEqualTo("orders-cleanup");
            assertThat(s.expression()).isEqualTo("rate(1 hour)");
        });
        assertThat(template.streamMappings()).singleElement().satisfies(s -> {
            assertThat(s.functionName()).isEqualTo("profiles-stream-welcome");
            assertThat(s.tableName()).isEqualTo("profiles");
            assertThat(s.reportBatchItemFailures()).isTrue();
        });
        assertThat(template.stateMachines()).singleElement().satisfies(sm -> {
            assertThat(sm.definition()).doesNotContain("${")
                    .contains("arn:aws:lambda:us-east-1:000000000000:function:validate-order")
                    .contains("arn:aws:lambda:us-east-1:000000000000:function:charge-payment:live");
        });
        assertThat(template.apiStage().stageName()).isEqualTo("dev");
        assertThat(template.apiStage().rateLimit()).isEqualTo(100);
        assertThat(template.apiStage().burstLimit()).isEqualTo(200);
        assertThat(template.apiStage().cors()).contains(
                new ApiStage.Cors("https://docsdistribution.cloudfront.invalid",
                        "GET,POST,OPTIONS", "Authorization,Content-Type,Idempotency-Key", "600"));
        assertThat(template.apiStage().gatewayResponses()).containsKeys("UNAUTHORIZED", "MISSING_AUTHENTICATION_TOKEN",
                "THROTTLED", "INTEGRATION_TIMEOUT", "DEFAULT_4XX", "DEFAULT_5XX");
        assertThat(template.apiStage().gatewayResponses().get("UNAUTHORIZED")).satisfies(r -> {
            assertThat(r.statusCode()).contains(401);
            assertThat(r.headers()).containsEntry("Content-Type", "application/problem+json");
            assertThat(r.jsonTemplate()).hasValueSatisfying(t -> assertThat(t).contains("$context.error.messageString"));
        });
        assertThat(template.docsResponseHeaders()).containsEntry("X-Frame-Options", "DENY")
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
                .containsKey("Content-Security-Policy");
        assertThat(template.tables()).extracting(TableDef::name)
                .containsExactlyInAnyOrder("profiles", "orders", "idempotency");
    }

    @Test
    void parameter_overrides_flow_into_the_environment_and_schedules() {
        Template template = TemplateReader.read(SAM_TEMPLATE,
                Map.of("SimStock", "A-1=3", "CleanupSchedule", "rate(1 minute)"));

        assertThat(template.function("validate-order").orElseThrow().environment()).containsEntry("SIM_STOCK", "A-1=3");
        assertThat(template.schedules().get(0).expression()).isEqualTo("rate(1 minute)");
    }

    @Test
    void an_unknown_parameter_override_is_named() {
        assertThatThrownBy(() -> TemplateReader.read(SAM_TEMPLATE, Map.of("Nope", "1")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Nope");
    }

    @Test
    void short_form_intrinsics_conditions_and_globals_resolve(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                Parameters:
                  Stage: {Type: String, Default: dev}
                Conditions:
                  IsDev: !Equals [!Ref Stage, dev]
                  NotDev: !Not [!Condition IsDev]
                Globals:
                  Function:
                    Timeout: 7
                    Environment:
                      Variables:
                        SHARED: !Sub '${AWS::Region}-${Stage}-${!Literal}'
                        TABLE_ARN: !GetAtt ThingsTable.Arn
                Resources:
                  ThingsTable:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                  DoItFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.b.C::handle
                      Environment:
                        Variables:
                          OWN: !If [IsDev, !Join ['-', [x, !Select [1, !Split [',', 'a,b']]]], !Ref AWS::NoValue]
                          GONE: !If [NotDev, yes, !Ref AWS::NoValue]
                  SkippedFunction:
                    Type: AWS::Serverless::Function
                    Condition: NotDev
                    Properties: {Handler: x.Y}
                """);

        Template template = TemplateReader.read(file, Map.of());

        FunctionDef function = template.functions().get(0);
        assertThat(template.functions()).hasSize(1);
        assertThat(function.name()).isEqualTo("do-it");
        assertThat(function.handlerMethod()).isEqualTo("handle");
        assertThat(function.timeoutSeconds()).isEqualTo(7);
        assertThat(function.environment()).containsEntry("SHARED", "us-east-1-dev-${Literal}")
                .containsEntry("TABLE_ARN", "arn:aws:dynamodb:us-east-1:000000000000:table/things")
                .containsEntry("OWN", "x-b").doesNotContainKey("GONE");
    }

    @Test
    void unreadable_or_broken_templates_get_one_clear_message(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> TemplateReader.read(dir.resolve("missing.yaml"), Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("not found");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "Resources: [unclosed");
        assertThatThrownBy(() -> TemplateReader.read(broken, Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("not valid YAML");
        Path dangling = dir.resolve("dangling.yaml");
        Files.writeString(dangling, """
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, Environment: {Variables: {X: !Ref Nowhere}}}
                """);
        assertThatThrownBy(() -> TemplateReader.read(dangling, Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Nowhere");
    }

    @Test
    void the_user_pool_and_its_app_client_come_from_the_template_with_a_stable_local_client_id() {
        Template template = TemplateReader.read(SAM_TEMPLATE, Map.of("CallbackUrl", "http://localhost:3000/cb"));
        assertThat(template.userPools()).singleElement().satisfies(pool -> {
            assertThat(pool.logicalId()).isEqualTo("UserPool");
            assertThat(pool.emailIsUsername()).isTrue();
            assertThat(pool.passwordPolicy()).isEqualTo(new UserPoolDef.PasswordPolicy(12, true, true, true, false));
            assertThat(pool.clients()).singleElement().satisfies(client -> {
                assertThat(client.logicalId()).isEqualTo("UserPoolClient");
                assertThat(client.clientId()).matches("[a-z0-9]{26}")
                        .isEqualTo(Resolver.userPoolClientId("UserPoolClient"));
                assertThat(client.hasSecret()).isFalse();
                assertThat(client.flows()).containsExactly("code", "implicit");
                assertThat(client.scopes()).containsExactly("openid", "email", "profile");
                assertThat(client.callbackUrls()).contains("http://localhost:3000/cb");
                assertThat(client.idTokenValidity()).isEqualTo(java.time.Duration.ofMinutes(60));
                assertThat(client.refreshTokenValidity()).isEqualTo(java.time.Duration.ofDays(30));
            });
        });
        assertThat(Resolver.userPoolClientId("OtherClient")).isNotEqualTo(Resolver.userPoolClientId("UserPoolClient"));
    }

    @Test
    void a_client_of_a_pool_that_is_not_in_the_template_is_refused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                Resources:
                  Client:
                    Type: AWS::Cognito::UserPoolClient
                    Properties:
                      UserPoolId: us-east-1_elsewhere
                """);
        assertThatThrownBy(() -> TemplateReader.read(file, Map.of())).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Client.Properties.UserPoolId");
    }

    @Test
    void a_state_machines_sam_type_is_read_standard_by_default(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("m.asl.json"), "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                Resources:
                  Fast:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      Type: EXPRESS
                      DefinitionUri: m.asl.json
                  Slow:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      DefinitionUri: m.asl.json
                """);
        assertThat(TemplateReader.read(file, Map.of()).stateMachines())
                .extracting(sm -> sm.logicalId() + " " + sm.type())
                .containsExactlyInAnyOrder("Fast EXPRESS", "Slow STANDARD");

        Files.writeString(file, """
                Resources:
                  Odd:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      Type: QUICK
                      DefinitionUri: m.asl.json
                """);
        assertThatThrownBy(() -> TemplateReader.read(file, Map.of())).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Odd.Type must be STANDARD or EXPRESS");
    }
}
