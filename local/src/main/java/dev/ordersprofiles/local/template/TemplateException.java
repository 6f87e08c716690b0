package dev.ordersprofiles.local.template;

/** The template cannot be read or uses something the local stack cannot resolve; the message says what and where. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
