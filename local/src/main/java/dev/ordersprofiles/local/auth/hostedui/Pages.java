package dev.ordersprofiles.local.auth.hostedui;

import dev.ordersprofiles.local.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Hosted UI's server-rendered pages: sign-in, sign-up, confirmation and error. Every value is HTML-escaped;
 * the pages load nothing (inline style only), may not be framed, and are never cached. The OAuth parameters of
 * the authorization request travel in hidden fields, as the Hosted UI carries them from page to page.
 */
final class Pages {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0}"
            + "main{max-width:24rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px;"
            + "box-shadow:0 1px 4px #0002}h1{font-size:1.3rem;margin-top:0}label{display:block;margin:.8rem 0 .2rem}"
            + "input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;"
            + "font-size:1rem}button{margin-top:1.2rem;width:100%;padding:.6rem;font-size:1rem;background:#0972d3;"
            + "color:#fff;border:0;border-radius:4px;cursor:pointer}.error{color:#b00020;background:#fde7ea;"
            + "padding:.5rem;border-radius:4px}.local{background:#fff8dc;border:1px solid #e6c200;padding:.5rem;"
            + "border-radius:4px;font-size:.9rem}.links{margin-top:1rem;font-size:.9rem}code{font-size:1.1rem}";

    private Pages() {
    }

    static HttpResponse signIn(int status, Map<String, String> oauth, String error, String username) {
        return page(status, "Sign in", "<h1>Sign in with your email and password</h1>" + error(error)
                + "<form method=\"post\" action=\"/login\" id=\"signInForm\">" + hidden(oauth)
                + "<label for=\"signInFormUsername\">Email</label><input type=\"email\" id=\"signInFormUsername\""
                + " name=\"username\" autocomplete=\"username\" required value=\"" + escape(username) + "\">"
                + "<label for=\"signInFormPassword\">Password</label><input type=\"password\" id=\"signInFormPassword\""
                + " name=\"password\" autocomplete=\"current-password\" required>"
                + "<button type=\"submit\" name=\"signInSubmitButton\" id=\"signInSubmitButton\">Sign in</button></form>"
                + "<p class=\"links\">Need an account? <a id=\"signUpLink\" href=\"/signup?" + escape(Forms.encode(oauth))
                + "\">Sign up</a></p>");
    }

    static HttpResponse signUp(int status, Map<String, String> oauth, String error, String username,
                               String policy) {
        return page(status, "Sign up", "<h1>Sign up with a new account</h1>" + error(error)
                + "<form method=\"post\" action=\"/signup\" id=\"signUpForm\">" + hidden(oauth)
                + "<label for=\"signUpFormUsername\">Email</label><input type=\"email\" id=\"signUpFormUsername\""
                + " name=\"username\" autocomplete=\"username\" required value=\"" + escape(username) + "\">"
                + "<label for=\"signUpFormPassword\">Password</label><input type=\"password\" id=\"signUpFormPassword\""
                + " name=\"password\" autocomplete=\"new-password\" required>"
                + "<p class=\"links\">" + escape(policy) + "</p>"
                + "<button type=\"submit\" id=\"signUpButton\">Sign up</button></form>"
                + "<p class=\"links\">Already have an account? <a id=\"signInLink\" href=\"/login?"
                + escape(Forms.encode(oauth)) + "\">Sign in</a></p>");
    }

    /**
     * The confirmation step. No email leaves the local stack, so the page itself shows the code the pool would
     * have mailed ({@code localCode}).
     */
    static HttpResponse confirm(int status, Map<String, String> oauth, String error, String username,
                                String localCode) {
        return page(status, "Confirm your account", "<h1>Confirm your account</h1>" + error(error)
                + "<p>We have sent a code by email to " + escape(username) + ". Enter it below to confirm your"
                + " account.</p>"
                + (localCode == null ? "" : "<p class=\"local\">Local stack: no email is sent. The code is"
                + " <code id=\"localConfirmationCode\">" + escape(localCode) + "</code></p>")
                + "<form method=\"post\" action=\"/confirm\" id=\"confirmForm\">" + hidden(oauth)
                + "<input type=\"hidden\" name=\"username\" value=\"" + escape(username) + "\">"
                + "<label for=\"verification_code\">Verification code</label><input type=\"text\""
                + " id=\"verification_code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required>"
                + "<button type=\"submit\" id=\"confirmButton\">Confirm account</button></form>");
    }

    static HttpResponse error(int status, String error, String description) {
        return page(status, "Error", "<h1>An error was encountered with the requested page.</h1>"
                + "<p class=\"error\" id=\"errorName\">" + escape(error) + "</p><p id=\"errorDescription\">"
                + escape(description) + "</p>");
    }

    private static String error(String error) {
        return error == null ? "" : "<p class=\"error\" id=\"loginErrorMessage\" role=\"alert\">" + escape(error) + "</p>";
    }

    private static String hidden(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((name, value) -> out.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">"));
        return out.toString();
    }

    private static HttpResponse page(int status, String title, String body) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" + escape(title)
                + "</title><style>" + STYLE + "</style></head><body><main>" + body + "</main></body></html>";
        return HostedUi.noStore(HttpResponse.of(status, "text/html; charset=utf-8",
                        html.getBytes(StandardCharsets.UTF_8)))
                .with("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors"
                        + " 'none'; base-uri 'none'")
                .with("X-Frame-Options", "DENY")
                .with("X-Content-Type-Options", "nosniff")
                // Not no-referrer: with it Chromium sends "Origin: null" on the form's same-origin POST, which the
                // front door refuses. same-origin keeps the page's URL (its OAuth parameters) from other sites.
                .with("Referrer-Policy", "same-origin");
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
