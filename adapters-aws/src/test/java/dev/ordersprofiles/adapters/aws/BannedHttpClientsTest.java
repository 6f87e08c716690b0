package dev.ordersprofiles.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpService;
import java.util.ServiceLoader;

/**
 * Only the URL-connection client may reach the classpath: Netty and the Apache clients cost cold-start time and
 * jar size, and the SDK would pick one of them up as default. This runs on the test classpath, which contains the
 * whole runtime classpath (the POM excludes them from dynamodb and sfn).
 */
class BannedHttpClientsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient",
            "software.amazon.awssdk.http.apache.ApacheHttpClient",
            "software.amazon.awssdk.http.apache5.Apache5HttpClient",
            "io.netty.channel.Channel",
            "org.apache.http.client.HttpClient",
            "org.apache.hc.client5.http.classic.HttpClient"})
    void a_banned_http_client_is_not_on_the_classpath(String className) {
        assertThat(isLoadable(className)).as(className + " must not be on the classpath").isFalse();
    }

    @Test
    void no_banned_jar_is_on_the_classpath() {
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(path -> new File(path).getName())
                .toList();

        assertThat(jars).noneMatch(jar -> jar.startsWith("netty-") || jar.startsWith("apache-client-")
                || jar.startsWith("apache5-client-") || jar.startsWith("httpclient-") || jar.startsWith("httpclient5-"));
        assertThat(jars).anyMatch(jar -> jar.startsWith("url-connection-client-"));
    }

    @Test
    void the_url_connection_client_is_the_only_sync_http_service() {
        List<String> services = ServiceLoader.load(SdkHttpService.class).stream()
                .map(provider -> provider.type().getName())
                .toList();

        assertThat(services).containsExactly("software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
    }

    private static boolean isLoadable(String className) {
        try {
            Class.forName(className, false, BannedHttpClientsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
