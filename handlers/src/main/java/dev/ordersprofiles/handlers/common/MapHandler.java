package dev.ordersprofiles.handlers.common;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * A handler whose event and answer are plain JSON objects (the workflow steps, the schedule), with both entry
 * points: the typed one for tests and callers, and the byte-stream one, which the Lambda Java runtime prefers (the
 * overload with the most parameters) and which spares the cold start the runtime's own serializer set-up
 * (docs/performance.md). Exceptions escape the stream entry point unchanged, so the runtime reports the same
 * error type (the class name the state machine's Catch clauses match) as from the typed one.
 */
public abstract class MapHandler
        implements RequestHandler<Map<String, Object>, Map<String, Object>>, RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Object event;
        try (JsonParser parser = PlainJson.EVENTS.createParser(input)) {
            parser.nextToken();
            event = PlainJson.read(parser);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = event instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        Map<String, Object> answer = handleRequest(map, context);
        try (JsonGenerator out = PlainJson.EVENTS.createGenerator(output)) {
            PlainJson.write(out, answer);
        }
    }
}
