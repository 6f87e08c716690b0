package dev.ordersprofiles.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** What a mocked Task attempt answers: the service's response ({@code Return}) or an error ({@code Throw}). */
public sealed interface MockedResponse permits MockedResponse.Return, MockedResponse.Throw {

    /** The task's result exactly as given (for lambda:invoke the whole Invoke response, {@code Payload} inside). */
    record Return(JsonNode value) implements MockedResponse {
        public Return {
            value = value.deepCopy();
        }
    }

    /** The task fails with this error and cause (the cause may be null). */
    record Throw(String error, String cause) implements MockedResponse {}
}
