package dev.ordersprofiles.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The error document the Java Lambda runtime returns for an exception a handler throws:
 * {@code {"errorMessage": message, "errorType": fully qualified class name, "stackTrace": ["cls.method(File.java:n)", …]}}
 * with {@code "cause"} nested the same way.
 */
final class ErrorDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorDocument() {
    }

    static InvocationResult.FunctionError of(Throwable thrown) {
        ObjectNode doc = describe(thrown, 0);
        return new InvocationResult.FunctionError(thrown.getClass().getName(), thrown.getMessage(), bytes(doc));
    }

    static InvocationResult.FunctionError timeout(String requestId, int seconds) {
        ObjectNode doc = JSON.createObjectNode();
        String message = "RequestId: " + requestId + " Error: Task timed out after " + seconds + ".00 seconds";
        doc.put("errorType", "Sandbox.Timedout");
        doc.put("errorMessage", message);
        return new InvocationResult.FunctionError("Sandbox.Timedout", message, bytes(doc));
    }

    private static ObjectNode describe(Throwable thrown, int depth) {
        ObjectNode doc = JSON.createObjectNode();
        if (thrown.getMessage() != null) {
            doc.put("errorMessage", thrown.getMessage());
        }
        doc.put("errorType", thrown.getClass().getName());
        ArrayNode trace = doc.putArray("stackTrace");
        for (StackTraceElement frame : thrown.getStackTrace()) {
            trace.add(frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                    + frame.getLineNumber() + ")");
        }
        if (thrown.getCause() != null && thrown.getCause() != thrown && depth < 5) {
            doc.set("cause", describe(thrown.getCause(), depth + 1));
        }
        return doc;
    }

    private static byte[] bytes(ObjectNode doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
