package dev.ordersprofiles.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A small real-HTTP client for the end-to-end tests. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Answer(int status, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + raw.body(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String body() {
            return raw.body();
        }
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Answer post(String path, String token, String body, String... headers) {
        HttpRequest.Builder request = request(path, token).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    CompletableFuture<Answer> postAsync(String path, String token, String body) {
        HttpRequest request = request(path, token).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Answer(r.statusCode(), r));
    }

    /** A request signed as the AWS CLI and SDKs sign it (the SDK's own SigV4 signer), with the stack's default keys. */
    Answer signed(String method, String path, String body, String... headers) {
        return signedWith(new AwsCredentialsPair("local", "local"), method, path, body, headers);
    }

    record AwsCredentialsPair(String accessKeyId, String secret) {
    }

    Answer signedWith(AwsCredentialsPair keys, String method, String path, String body, String... headers) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        software.amazon.awssdk.http.SdkHttpRequest.Builder unsigned = software.amazon.awssdk.http.SdkHttpRequest
                .builder().method(software.amazon.awssdk.http.SdkHttpMethod.fromValue(method)).uri(URI.create(base + path));
        for (int i = 0; i < headers.length; i += 2) {
            unsigned.putHeader(headers[i], headers[i + 1]);
        }
        var signed = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(r -> r
                .identity(software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create(keys.accessKeyId(),
                        keys.secret()))
                .request(unsigned.build())
                .payload(software.amazon.awssdk.http.ContentStreamProvider.fromByteArray(bytes))
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "eu-west-1"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, bytes.length == 0 && !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return send(request.build());
    }

    String token(String username) {
        Answer answer = post("/_local/token", null, "{\"username\":\"" + username + "\",\"email\":\"" + username
                + "@example.com\"}");
        if (answer.status() != 200) {
            throw new AssertionError("token: " + answer.status() + " " + answer.body());
        }
        return answer.json().get("id_token").asText();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", token);
        }
        return builder;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new AssertionError("HTTP failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
