package dev.ordersprofiles.sam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * template.yaml against the project's contracts. Every check is run twice: on the real template
 * (no problems) and on a deliberately broken copy (the problem is reported), so no check passes vacuously.
 */
class TemplateContractTest {
    private final Template real = Template.load();

    @Test
    void every_function_of_the_contract_is_in_the_template_with_its_handler() {
        assertThat(TemplateChecks.functionsMatchContract(real)).isEmpty();
        assertThat(TemplateChecks.functionsMatchContract(Template.mutated(
                "dev.ordersprofiles.handlers.http.GetOrderHandler::handleRequest",
                "dev.ordersprofiles.handlers.http.GetOrdersHandler::handleRequest")))
                .containsExactly("OrdersGetFunction: Handler dev.ordersprofiles.handlers.http.GetOrdersHandler::handleRequest"
                        + " should be dev.ordersprofiles.handlers.http.GetOrderHandler::handleRequest");
        assertThat(TemplateChecks.functionsMatchContract(Template.mutated("  OrdersGetFunction:\n", "  OrdersReadFunction:\n")))
                .contains("function OrdersGetFunction of the contract is missing",
                        "function OrdersReadFunction is not in the contract (docs/architecture.md §7)");
    }

    @Test
    void every_handler_names_a_class_with_source_in_the_handlers_module() {
        assertThat(TemplateChecks.handlerSourcesExist(real, Template.REPO)).isEmpty();
        assertThat(TemplateChecks.handlerSourcesExist(Template.mutated(
                "dev.ordersprofiles.handlers.stream.WelcomeProfileHandler::handleRequest",
                "dev.ordersprofiles.handlers.stream.NoSuchHandler::handleRequest"), Template.REPO))
                .singleElement().asString()
                .startsWith("ProfilesStreamWelcomeFunction: handler class dev.ordersprofiles.handlers.stream.NoSuchHandler has no source");
    }

    @Test
    void every_function_runs_the_shaded_jar_on_java21_arm64_without_a_sam_build() {
        assertThat(TemplateChecks.runtimeAndArtifact(real)).isEmpty();
        assertThat(TemplateChecks.runtimeAndArtifact(Template.mutated("    Runtime: java21\n", "    Runtime: java17\n")))
                .hasSize(Contract.HANDLERS.size());
        assertThat(TemplateChecks.runtimeAndArtifact(Template.mutated(
                "  OrdersCleanupFunction:\n    Type: AWS::Serverless::Function\n    Metadata:\n      SkipBuild: True\n",
                "  OrdersCleanupFunction:\n    Type: AWS::Serverless::Function\n")))
                .singleElement().asString().startsWith("OrdersCleanupFunction: needs Metadata SkipBuild");
    }

    @Test
    void functions_get_the_environment_the_handlers_read_and_nothing_else() {
        assertThat(TemplateChecks.environment(real)).isEmpty();
        assertThat(TemplateChecks.environment(Template.mutated("        ORDERS_TABLE: !Ref OrdersTable\n",
                "        ORDER_TABLE: !Ref OrdersTable\n")))
                .contains("HealthFunction: environment variable ORDER_TABLE is not one the handlers read",
                        "HealthFunction: environment variable ORDERS_TABLE is missing");
        assertThat(TemplateChecks.environment(Template.mutated("          STATE_MACHINE_ARN: !Ref PlaceOrderStateMachine\n",
                "          STATE_MACHINE_ARN: !Ref OrdersTable\n")))
                .singleElement().asString().startsWith("OrdersCreateFunction: STATE_MACHINE_ARN should be !Ref of the state machine");
    }

    @Test
    void the_api_routes_of_the_template_and_of_openapi_are_the_same_set() {
        Set<String> openApi = OpenApi.operations().keySet();
        assertThat(TemplateChecks.routesMatch(real, openApi)).isEmpty();
        assertThat(TemplateChecks.routesMatch(Template.mutated("            Path: /orders/{id}\n", "            Path: /orders/{orderId}\n"), openApi))
                .containsExactlyInAnyOrder("route GET /orders/{id} is in openapi.yaml but not in the template",
                        "route GET /orders/{orderId} is in the template but not in openapi.yaml");
        Set<String> withExtraRoute = new TreeSet<>(openApi);
        withExtraRoute.add("DELETE /profiles/{id}");
        assertThat(TemplateChecks.routesMatch(real, withExtraRoute))
                .containsExactly("route DELETE /profiles/{id} is in openapi.yaml but not in the template");
    }

    @Test
    void only_health_is_open_and_every_other_route_needs_the_cognito_authorizer() {
        assertThat(TemplateChecks.authorization(real)).isEmpty();
        assertThat(TemplateChecks.authorization(Template.mutated(
                "            Path: /orders\n            Method: post\n",
                "            Path: /orders\n            Method: post\n            Auth:\n              Authorizer: NONE\n")))
                .singleElement().asString().endsWith("POST /orders must require a token");
        assertThat(TemplateChecks.authorization(Template.mutated("        DefaultAuthorizer: CognitoAuthorizer\n", "")))
                .singleElement().asString().endsWith("the default authorizer must be a Cognito user pool authorizer");
    }

    @Test
    void tables_are_on_demand_with_pitr_ttl_stream_and_the_indexes_of_the_design() {
        assertThat(TemplateChecks.tables(real)).isEmpty();
        assertThat(TemplateChecks.tables(Template.mutated(
                "      TimeToLiveSpecification:\n        AttributeName: ttlEpoch\n        Enabled: true\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n\n  IdempotencyTable:",
                "      TimeToLiveSpecification:\n        AttributeName: ttlEpoch\n        Enabled: true\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: false\n\n  IdempotencyTable:")))
                .containsExactly("OrdersTable: point-in-time recovery must be enabled");
        assertThat(TemplateChecks.tables(Template.mutated("        StreamViewType: NEW_AND_OLD_IMAGES\n", "        StreamViewType: KEYS_ONLY\n")))
                .containsExactly("ProfilesTable: stream should be NEW_AND_OLD_IMAGES, is KEYS_ONLY");
        Template provisioned = Template.mutated(
                "  IdempotencyTable:\n    Type: AWS::DynamoDB::Table\n    DeletionPolicy: !Ref StatefulResourcePolicy\n    UpdateReplacePolicy: !Ref StatefulResourcePolicy\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n",
                "  IdempotencyTable:\n    Type: AWS::DynamoDB::Table\n    DeletionPolicy: !Ref StatefulResourcePolicy\n    UpdateReplacePolicy: !Ref StatefulResourcePolicy\n    Properties:\n      BillingMode: PROVISIONED\n");
        assertThat(TemplateChecks.tables(provisioned)).containsExactly("IdempotencyTable: BillingMode should be PAY_PER_REQUEST (on-demand)");
        assertThat(TemplateChecks.tables(Template.mutated("  IdempotencyTable:\n    Type: AWS::DynamoDB::Table\n    DeletionPolicy: !Ref StatefulResourcePolicy\n    UpdateReplacePolicy: !Ref StatefulResourcePolicy\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n      TimeToLiveSpecification:\n        AttributeName: ttlEpoch\n",
                "  IdempotencyTable:\n    Type: AWS::DynamoDB::Table\n    DeletionPolicy: !Ref StatefulResourcePolicy\n    UpdateReplacePolicy: !Ref StatefulResourcePolicy\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: pk\n          AttributeType: S\n      KeySchema:\n        - AttributeName: pk\n          KeyType: HASH\n      TimeToLiveSpecification:\n        AttributeName: expiresAt\n")))
                .containsExactly("IdempotencyTable: TTL must be enabled on ttlEpoch");
        assertThat(TemplateChecks.tables(Template.mutated("            - AttributeName: dueEpoch\n              KeyType: RANGE\n",
                "            - AttributeName: createdAt\n              KeyType: RANGE\n")))
                .singleElement().asString().startsWith("OrdersTable: index inFlightByDue should be");
    }

    @Test
    void no_iam_statement_grants_a_wildcard_resource() {
        assertThat(TemplateChecks.noWildcardResources(real)).isEmpty();
        assertThat(TemplateChecks.noWildcardResources(Template.mutated(
                "              Action: dynamodb:Query\n              Resource: !Sub ${OrdersTable.Arn}/index/byUser\n",
                "              Action: dynamodb:Query\n              Resource: !Sub ${OrdersTable.Arn}/index/byUser\n"
                        + "            - Effect: Allow\n              Action: dynamodb:Query\n"
                        + "              Resource: !Sub arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:*\n")))
                .singleElement().asString().contains("wildcard resource");
        assertThat(TemplateChecks.noWildcardResources(Template.mutated("                - logs:DescribeLogGroups\n",
                "                - logs:DescribeLogGroups\n                - logs:PutLogEvents\n")))
                .singleElement().asString().contains("wildcard resource *");
        assertThat(TemplateChecks.noWildcardResources(Template.mutated(
                "        # Least privilege (contracts/aws-permissions.json): one GetItem.\n        - Statement:\n            - Effect: Allow\n              Action: dynamodb:GetItem\n              Resource: !GetAtt ProfilesTable.Arn\n",
                "        - AmazonDynamoDBReadOnlyAccess\n")))
                .singleElement().asString().startsWith("ProfilesGetFunction: managed policy AmazonDynamoDBReadOnlyAccess");
        assertThat(TemplateChecks.noWildcardResources(Template.mutated(
                "        # Least privilege (contracts/aws-permissions.json): one GetItem.\n        - Statement:\n            - Effect: Allow\n              Action: dynamodb:GetItem\n              Resource: !GetAtt ProfilesTable.Arn\n",
                "        - DynamoDBReadPolicy:\n            TableName: '*'\n")))
                .singleElement().asString().contains("policy template DynamoDBReadPolicy with wildcard");
    }

    @Test
    void wildcard_detection_tells_scoped_arns_from_wildcards() {
        assertThat(TemplateChecks.isWildcard("*")).isTrue();
        assertThat(TemplateChecks.isWildcard("arn:aws:dynamodb:*:123456789012:table/x")).isTrue();
        assertThat(TemplateChecks.isWildcard("arn:aws:s3:::*")).isTrue();
        assertThat(TemplateChecks.isWildcard(java.util.Map.of("Fn::Sub", "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*"))).isTrue();
        assertThat(TemplateChecks.isWildcard("arn:aws:s3:::docs-bucket/docs/*")).isFalse();
        assertThat(TemplateChecks.isWildcard(java.util.Map.of("Fn::Sub", "${DocsBucket.Arn}/docs/*"))).isFalse();
        assertThat(TemplateChecks.isWildcard(java.util.Map.of("Fn::GetAtt", List.of("Queue", "Arn")))).isFalse();
    }

    @Test
    void snap_start_and_provisioned_concurrency_are_never_set_together() {
        assertThat(TemplateChecks.warmStartExclusive(real)).isEmpty();
        assertThat(TemplateChecks.warmStartExclusive(Template.mutated(
                "        ApplyOn: !If [UseSnapStart, PublishedVersions, None]\n", "        ApplyOn: PublishedVersions\n")))
                .singleElement().asString().startsWith("ChargePaymentFunction: SnapStart and provisioned concurrency together when");
        assertThat(TemplateChecks.warmStartExclusive(Template.mutated("      AutoPublishAlias: live\n", "")))
                .singleElement().asString().contains("need AutoPublishAlias");
    }

    @Test
    void orders_create_has_reserved_concurrency_defaulting_to_50() {
        assertThat(TemplateChecks.reservedConcurrency(real)).isEmpty();
        assertThat(TemplateChecks.reservedConcurrency(Template.mutated(
                "      ReservedConcurrentExecutions: !Ref OrdersCreateReservedConcurrency\n", "")))
                .singleElement().asString().startsWith("OrdersCreateFunction: ReservedConcurrentExecutions must be set");
        assertThat(TemplateChecks.reservedConcurrency(Template.mutated(
                "  OrdersCreateReservedConcurrency:\n    Type: Number\n    Default: 50\n",
                "  OrdersCreateReservedConcurrency:\n    Type: Number\n    Default: 5\n")))
                .singleElement().asString().contains("should default to 50");
    }

    @Test
    void the_profiles_stream_mapping_bisects_retries_a_bounded_number_of_times_and_keeps_failures() {
        assertThat(TemplateChecks.streamMapping(real)).isEmpty();
        assertThat(TemplateChecks.streamMapping(Template.mutated("              - ReportBatchItemFailures\n", "              - Other\n")))
                .containsExactly("stream mapping: FunctionResponseTypes must include ReportBatchItemFailures");
        assertThat(TemplateChecks.streamMapping(Template.mutated("            BisectBatchOnFunctionError: true\n", "")))
                .containsExactly("stream mapping: BisectBatchOnFunctionError must be true");
        assertThat(TemplateChecks.streamMapping(Template.mutated("            MaximumRetryAttempts: 3\n", "")))
                .singleElement().asString().startsWith("stream mapping: MaximumRetryAttempts");
        assertThat(TemplateChecks.streamMapping(Template.mutated("                Destination: !GetAtt WelcomeFailuresQueue.Arn\n",
                "                Destination: !GetAtt AlarmTopic.TopicArn\n")))
                .containsExactly("stream mapping: on-failure destination must be an SQS queue of the template");
    }

    @Test
    void the_cleanup_runs_on_a_parameterised_hourly_schedule_with_retries_and_a_dead_letter_queue() {
        assertThat(TemplateChecks.cleanupSchedule(real)).isEmpty();
        assertThat(TemplateChecks.cleanupSchedule(Template.mutated("            DeadLetterConfig:\n              Arn: !GetAtt CleanupDeadLetterQueue.Arn\n", "")))
                .containsExactly("cleanup schedule needs a dead-letter SQS queue of the template");
        assertThat(TemplateChecks.cleanupSchedule(Template.mutated("    Default: rate(1 hour)\n", "    Default: rate(1 day)\n")))
                .singleElement().asString().startsWith("cleanup schedule must be a parameter defaulting to rate(1 hour)");
        assertThat(TemplateChecks.cleanupSchedule(Template.mutated(
                "            RetryPolicy:\n              MaximumRetryAttempts: 2\n              MaximumEventAgeInSeconds: 3600\n", "")))
                .containsExactly("cleanup schedule needs a RetryPolicy");
    }

    @Test
    void the_cloudfront_function_in_the_template_is_the_tested_edge_file() {
        String edge = Template.read(Template.SAM_DIR.resolve("edge/viewer-request.js"));
        assertThat(TemplateChecks.edgeFunction(real, edge)).isEmpty();
        assertThat(TemplateChecks.edgeFunction(Template.mutated("        request.uri = uri + 'index.html';\n",
                "        request.uri = uri + 'index.htm';\n"), edge))
                .containsExactly("DocsViewerRequestFunction: FunctionCode differs from edge/viewer-request.js");
        assertThat(TemplateChecks.edgeFunction(Template.mutated("        Runtime: cloudfront-js-2.0\n", "        Runtime: cloudfront-js-1.0\n"), edge))
                .containsExactly("DocsViewerRequestFunction: runtime must be cloudfront-js-2.0");
        assertThat(TemplateChecks.edgeFunction(Template.mutated("            - EventType: viewer-request\n", "            - EventType: viewer-response\n"), edge))
                .containsExactly("DocsViewerRequestFunction: not associated with the distribution at viewer-request");
    }

    @Test
    void samconfig_only_overrides_template_parameters_with_allowed_values() {
        String samconfig = Template.read(Template.SAM_DIR.resolve("samconfig.toml"));
        assertThat(TemplateChecks.samconfigOverrides(real, samconfig)).isEmpty();
        assertThat(TemplateChecks.samconfigOverrides(real, samconfig.replace("\"StageName=dev\"", "\"Stage=dev\"")))
                .containsExactly("samconfig.toml overrides Stage, which is not a template parameter");
        assertThat(TemplateChecks.samconfigOverrides(real,
                samconfig.replace("\"ChargePaymentWarmStart=SnapStart\"", "\"ChargePaymentWarmStart=Both\"")))
                .singleElement().asString().startsWith("samconfig.toml sets ChargePaymentWarmStart=Both, not one of");
    }
}
