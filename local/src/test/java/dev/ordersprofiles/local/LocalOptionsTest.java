package dev.ordersprofiles.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {
    @Test
    void defaults_are_loopback_port_3000_and_the_sam_template() {
        LocalOptions options = LocalOptions.parse(List.of());

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(3000);
        assertThat(options.template()).isEqualTo(Path.of("sam", "template.yaml"));
        assertThat(options.dynamodbEndpoint()).isEmpty();
    }

    @Test
    void every_option_is_read_in_both_spellings() {
        LocalOptions options = LocalOptions.parse(List.of("--port", "4000", "--dynamodb-endpoint=http://127.0.0.1:8000",
                "--param", "SimStock=A-1=3", "--param=StageName=test", "--schedule-rate", "rate(30 seconds)",
                "--cognito-user-pool", "eu-west-1_Abc", "--cognito-client-id", "client"));

        assertThat(options.port()).isEqualTo(4000);
        assertThat(options.dynamodbEndpoint()).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(options.parameters()).isEqualTo(Map.of("SimStock", "A-1=3", "StageName", "test"));
        assertThat(options.scheduleRate()).contains("rate(30 seconds)");
        assertThat(options.cognitoUserPoolId()).contains("eu-west-1_Abc");
    }

    @Test
    void the_host_and_the_aws_credentials_are_options_with_loopback_and_local_local_by_default() {
        assertThat(LocalOptions.parse(List.of()).credentials())
                .isEqualTo(new dev.ordersprofiles.local.aws.LocalCredentials("local", "local"));
        LocalOptions options = LocalOptions.parse(List.of("--host", "0.0.0.0", "--access-key-id=AKIDLOCAL",
                "--secret-access-key", "s3cr3t"));
        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.credentials().accessKeyId()).isEqualTo("AKIDLOCAL");
        assertThat(options.credentials().secretAccessKey()).isEqualTo("s3cr3t");
        assertThat(options.credentials().toString()).doesNotContain("s3cr3t");
        assertThat(LocalOptions.parse(List.of("--host", "[::1]")).host()).isEqualTo("::1");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--host", "a b")))
                .hasMessage("--host must be an address or host name, not a b");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--access-key-id", " ")))
                .hasMessage("--access-key-id must not be empty");
    }

    @Test
    void a_step_functions_mock_configuration_is_an_option() {
        assertThat(LocalOptions.parse(List.of("--sfn-mock-config", "mocks.json")).sfnMockConfig())
                .contains(Path.of("mocks.json"));
        assertThat(LocalOptions.parse(List.of("--sfn-mock-config=other.json")).sfnMockConfig())
                .contains(Path.of("other.json"));
        assertThat(LocalOptions.USAGE).contains("--sfn-mock-config FILE").contains("SFN_MOCK_CONFIG");
    }

    @Test
    void the_store_is_persisted_by_default_and_in_memory_on_request() {
        assertThat(LocalOptions.parse(List.of()).store()).isEqualTo(LocalOptions.Store.DEFAULT);
        LocalOptions options = LocalOptions.parse(List.of("--in-memory", "--ttl-sweep-seconds", "2",
                "--dynalite-dir=/opt/dynalite"));
        assertThat(options.store().inMemory()).isTrue();
        assertThat(options.store().ttlSweep()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(options.dynaliteDir()).isEqualTo(java.nio.file.Path.of("/opt/dynalite"));
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--ttl-sweep-seconds", "0")))
                .hasMessage("--ttl-sweep-seconds must be a number from 1 to 86400, not 0");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--in-memory=yes")))
                .hasMessage("unknown option --in-memory=yes (see --help)");
    }

    @Test
    void postgres_is_off_unless_asked_for_and_keeps_the_other_store_options() {
        assertThat(LocalOptions.parse(List.of()).store().postgres()).isFalse();
        LocalOptions options = LocalOptions.parse(List.of("--postgres", "--in-memory", "--dynalite-dir", "/opt/d"));
        assertThat(options.store().postgres()).isTrue();
        assertThat(options.store().inMemory()).isTrue();
        assertThat(options.store().dynaliteDir()).contains(java.nio.file.Path.of("/opt/d"));
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--postgres=true")))
                .hasMessage("unknown option --postgres=true (see --help)");
    }

    @Test
    void faults_are_repeatable_specs_checked_while_parsing_and_the_seed_is_a_whole_number() {
        assertThat(LocalOptions.parse(List.of()).faults()).isEqualTo(LocalOptions.FaultInjection.NONE);
        LocalOptions options = LocalOptions.parse(List.of("--fault", "dynamodb:error=0.1",
                "--fault=function:charge-payment:timeout=0.05", "--fault-seed", "42"));
        assertThat(options.faults().specs()).containsExactly("dynamodb:error=0.1", "function:charge-payment:timeout=0.05");
        assertThat(options.faults().seed()).contains(42L);
        assertThat(options.withPort(1).faults()).isEqualTo(options.faults());
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--fault", "dynamodb:error=2")))
                .hasMessageContaining("a number from 0 to 1, not 2");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--fault", "disk:full")))
                .hasMessageContaining("--fault disk:full is not understood");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--fault-seed", "x")))
                .hasMessage("--fault-seed must be a whole number, not x");
    }

    @Test
    void bad_options_get_one_line_messages() {
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--nope"))).hasMessage("unknown option --nope (see --help)");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--port", "x"))).hasMessageContaining("--port");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--port"))).hasMessage("--port needs a value");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--dynamodb-endpoint", "localhost:8000")))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--param", "NoEquals")))
                .hasMessageContaining("Name=Value");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--cognito-user-pool", "eu-west-1_Abc")))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> LocalOptions.parse(List.of("--help"))).isInstanceOf(LocalOptions.HelpRequested.class);
    }
}
