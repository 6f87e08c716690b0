package dev.ordersprofiles.handlers.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The mapper for the Lambda event envelopes themselves (API Gateway proxy request/response), as opposed to
 * {@link Json}, which reads request bodies strictly. Lenient on purpose: AWS adds envelope fields over time, and the
 * runtime's own event serializer ignores the ones it does not know too. Writing omits nulls, as the runtime does.
 *
 * <p>Why it exists: letting the Lambda runtime deserialise the event (RequestHandler) makes every cold start build
 * the runtime's own shaded Jackson with its event mix-ins, about 900 classes and 0.3 to 0.7 s on the bench machine
 * (docs/performance.md). Reusing the Jackson the handlers load anyway avoids that.
 */
public final class EventJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }
}
