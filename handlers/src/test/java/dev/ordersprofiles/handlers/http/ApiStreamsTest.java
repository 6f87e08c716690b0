package dev.ordersprofiles.handlers.http;

import static dev.ordersprofiles.handlers.support.Api.event;
import static dev.ordersprofiles.handlers.support.Api.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersprofiles.handlers.support.TestContext;
import dev.ordersprofiles.handlers.support.World;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-stream entry point (what the Lambda runtime calls, see ApiStreams) answers exactly what the typed entry
 * point answers when the runtime's own event serializers do the JSON, for every API contract event.
 */
class ApiStreamsTest {
    private static final ObjectMapper TREE = new ObjectMapper();

    static Stream<Arguments> handlers() {
        return Stream.of(
                Arguments.of("api-health-get", (Function<World, Object>) w -> new HealthHandler()),
                Arguments.of("api-profiles-get", (Function<World, Object>) w -> new GetProfileHandler(w.component)),
                Arguments.of("api-profiles-post", (Function<World, Object>) w -> new UpsertProfileHandler(w.component)),
                Arguments.of("api-orders-post", (Function<World, Object>) w -> new PlaceOrderHandler(w.component)),
                Arguments.of("api-orders-get", (Function<World, Object>) w -> new GetOrderHandler(w.component)),
                Arguments.of("api-orders-list", (Function<World, Object>) w -> new ListMyOrdersHandler(w.component)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlers")
    @SuppressWarnings("unchecked")
    void the_stream_entry_point_answers_like_the_typed_one_with_the_runtime_serializers(
            String eventName, Function<World, Object> create) throws Exception {
        byte[] raw = resource("contracts/events/" + eventName + ".json").getBytes(StandardCharsets.UTF_8);

        Object typed = create.apply(new World());
        PojoSerializer<APIGatewayProxyRequestEvent> in = LambdaEventSerializers.serializerFor(
                APIGatewayProxyRequestEvent.class, getClass().getClassLoader());
        PojoSerializer<APIGatewayProxyResponseEvent> out = LambdaEventSerializers.serializerFor(
                APIGatewayProxyResponseEvent.class, getClass().getClassLoader());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        out.toJson(((RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>) typed)
                .handleRequest(in.fromJson(new ByteArrayInputStream(raw)), new TestContext()), expected);

        Object streaming = create.apply(new World());
        assertThat(streaming).isInstanceOf(RequestStreamHandler.class);
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        ((RequestStreamHandler) streaming).handleRequest(new ByteArrayInputStream(raw), actual, new TestContext());

        JsonNode want = withoutVolatileIds(TREE.readTree(expected.toByteArray()));
        JsonNode got = withoutVolatileIds(TREE.readTree(actual.toByteArray()));
        assertThat(got).isEqualTo(want);
        assertThat(got.path("statusCode").asInt()).isBetween(200, 499);
    }

    @org.junit.jupiter.api.Test
    void the_stream_entry_point_reads_every_envelope_field_like_the_runtime() throws Exception {
        byte[] raw = resource("contracts/events/api-profiles-get.json").getBytes(StandardCharsets.UTF_8);
        APIGatewayProxyRequestEvent viaRuntime = event("api-profiles-get");
        APIGatewayProxyRequestEvent viaUs;
        try (com.fasterxml.jackson.core.JsonParser parser =
                     dev.ordersprofiles.handlers.common.PlainJson.FACTORY.createParser(raw)) {
            parser.nextToken();
            viaUs = ApiStreams.request(dev.ordersprofiles.handlers.common.PlainJson.read(parser));
        }

        assertThat(viaUs.getHttpMethod()).isEqualTo(viaRuntime.getHttpMethod());
        assertThat(viaUs.getResource()).isEqualTo(viaRuntime.getResource());
        assertThat(viaUs.getPathParameters()).isEqualTo(viaRuntime.getPathParameters());
        assertThat(viaUs.getHeaders()).isEqualTo(viaRuntime.getHeaders());
        assertThat(viaUs.getRequestContext().getAuthorizer()).isEqualTo(viaRuntime.getRequestContext().getAuthorizer());
        assertThat(viaUs.getRequestContext().getRequestId()).isEqualTo(viaRuntime.getRequestContext().getRequestId());
        assertThat(viaUs.getIsBase64Encoded()).isEqualTo(viaRuntime.getIsBase64Encoded());
        assertThat(viaUs.getMultiValueHeaders()).isEqualTo(viaRuntime.getMultiValueHeaders());
        assertThat(viaUs.getQueryStringParameters()).isEqualTo(viaRuntime.getQueryStringParameters());
        assertThat(viaUs.getRequestContext()).usingRecursiveComparison().isEqualTo(viaRuntime.getRequestContext());
    }

    /** Order ids (body and Location) are new on every placement; everything else must match byte for byte. */
    private static JsonNode withoutVolatileIds(JsonNode response) throws Exception {
        String text = TREE.writeValueAsString(response)
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>");
        return TREE.readTree(text);
    }
}
