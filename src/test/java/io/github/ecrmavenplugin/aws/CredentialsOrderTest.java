package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/** Which credentials sign the calls, on both routes: a server key, a profile, then the SDK's default chain's order. */
class CredentialsOrderTest {

    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();

    private ClientKey key(Optional<AccessKey> server, String profile) {
        return new ClientKey(
                new ConnectionSettings(
                        Optional.of("us-east-1"),
                        Optional.<URI>empty(),
                        Optional.ofNullable(profile),
                        3,
                        Duration.ofSeconds(30)),
                new CredentialsSettings(server, Optional.empty(), Optional.empty()),
                Optional.empty());
    }

    private AwsCredentials resolve(ClientKey key) {
        return (AwsCredentials)
                BaseCredentials.of(key, "us-east-1", SystemSettings.of(environment::get, properties::get))
                        .resolveCredentials();
    }

    @Test
    void systemPropertiesThenEnvironmentAsTheDefaultChainTakesThem() {
        environment.put("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT00001");
        environment.put("AWS_SECRET_ACCESS_KEY", "environment-secret");
        environment.put("AWS_SESSION_TOKEN", "environment-token");
        AwsCredentials fromEnvironment = resolve(key(Optional.empty(), null));
        assertEquals("AKIAENVIRONMENT00001", fromEnvironment.accessKeyId());
        assertEquals(
                "environment-token",
                assertInstanceOf(AwsSessionCredentials.class, fromEnvironment).sessionToken());
        assertEquals(Optional.of("g"), fromEnvironment.providerName());

        properties.put("aws.accessKeyId", "AKIAPROPERTIES000001");
        properties.put("aws.secretAccessKey", "property-secret");
        AwsCredentials fromProperties = resolve(key(Optional.empty(), null));
        assertEquals("AKIAPROPERTIES000001", fromProperties.accessKeyId());
        assertEquals(Optional.of("f"), fromProperties.providerName());
    }

    @Test
    void aServerKeyThenAProfileComeFirst() {
        environment.put("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT00001");
        environment.put("AWS_SECRET_ACCESS_KEY", "environment-secret");
        AccessKey server = new AccessKey("settings.xml server 'ecr'", "AKIASERVER0000000001", "server-secret");
        assertEquals(
                "AKIASERVER0000000001", resolve(key(Optional.of(server), null)).accessKeyId());
        assertInstanceOf(
                ProfileCredentialsProvider.class,
                BaseCredentials.of(
                        key(Optional.empty(), "dev"),
                        "us-east-1",
                        SystemSettings.of(environment::get, properties::get)));
    }

    @Test
    void everythingElseIsTheSdksDefaultChain() {
        environment.put("AWS_PROFILE", "dev");
        environment.put("AWS_ACCESS_KEY_ID", "AKIAONLYTHEKEYID0001");
        assertInstanceOf(
                DefaultCredentialsProvider.class,
                BaseCredentials.of(
                        key(Optional.empty(), null),
                        "us-east-1",
                        SystemSettings.of(environment::get, properties::get)));
    }
}
