package dev.ordersprofiles.local.aws;

import dev.ordersprofiles.local.http.HttpRequest;
import dev.ordersprofiles.local.http.HttpResponse;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gate every AWS-protocol request passes on the stack's port: the Lambda API ({@code /2015-03-31/...}) and
 * every request with an {@code X-Amz-Target} header (DynamoDB, Step Functions) must carry a SigV4 signature made
 * with the {@link LocalCredentials}; other requests pass untouched. A route for another AWS API needs nothing
 * more than to be reached through this gate (it wraps the stack's whole dispatcher).
 */
public final class AwsSignatureGuard implements Function<HttpRequest, HttpResponse> {
    private final Function<HttpRequest, HttpResponse> next;
    private final SigV4Verifier verifier;

    public AwsSignatureGuard(Function<HttpRequest, HttpResponse> next, SigV4Verifier verifier) {
        this.next = next;
        this.verifier = verifier;
    }

    @Override
    public HttpResponse apply(HttpRequest request) {
        Optional<AwsProtocol> protocol = AwsProtocol.of(request);
        if (protocol.isPresent()) {
            Optional<HttpResponse> refused = verifier.verify(request, protocol.get());
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return next.apply(request);
    }
}
