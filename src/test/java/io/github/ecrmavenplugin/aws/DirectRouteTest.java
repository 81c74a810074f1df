package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.endpoints.EcrEndpointParams;
import software.amazon.awssdk.services.ecr.endpoints.EcrEndpointProvider;

/** When the reads may skip the SDK's client, and where they then go: always where the SDK would go. */
class DirectRouteTest {

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();
    private final List<String> reasons = new ArrayList<>();

    private DirectRoute.SystemSettings system() {
        // No shared config file unless a test writes one.
        environment.putIfAbsent("AWS_CONFIG_FILE", home.resolve("config").toString());
        return DirectRoute.SystemSettings.of(environment::get, properties::get);
    }

    private Optional<DirectRoute> route(ClientKey key) {
        return DirectRoute.of(key, system(), reasons::add);
    }

    private static ConnectionSettings connection(String region, String endpoint, String profile) {
        return new ConnectionSettings(Optional.ofNullable(region), Optional.ofNullable(endpoint).map(URI::create),
                Optional.ofNullable(profile), 3, Duration.ofSeconds(30));
    }

    private static ClientKey key(ConnectionSettings connection) {
        return ClientKey.of(connection);
    }

    private void keysInEnvironment() {
        environment.put("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT00001");
        environment.put("AWS_SECRET_ACCESS_KEY", "environment-secret");
    }

    @Test
    void environmentKeyAndRegionGiveTheRegionalEndpoint() {
        keysInEnvironment();
        environment.put("AWS_SESSION_TOKEN", "session-token");
        environment.put("AWS_REGION", "eu-west-1");
        DirectRoute route = route(key(connection(null, null, null))).orElseThrow();
        assertEquals(URI.create("https://api.ecr.eu-west-1.amazonaws.com"), route.endpoint());
        assertEquals("eu-west-1", route.region());
        assertEquals("AKIAENVIRONMENT00001", route.credentials().accessKeyId());
        assertEquals(Optional.of("session-token"), route.credentials().sessionToken());
        assertEquals("default chain, environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY",
                route.credentials().source());
        assertEquals(Duration.ofSeconds(10), route.attemptTimeout());
        assertTrue(!route.credentials().toString().contains("environment-secret"), route.credentials().toString());
    }

    @Test
    void systemPropertiesComeBeforeTheEnvironmentAsInTheSdksChain() {
        keysInEnvironment();
        properties.put("aws.accessKeyId", "AKIAPROPERTIES000001");
        properties.put("aws.secretAccessKey", "property-secret");
        properties.put("aws.region", "us-west-2");
        environment.put("AWS_REGION", "eu-west-1");
        DirectRoute route = route(key(connection(null, null, null))).orElseThrow();
        assertEquals("AKIAPROPERTIES000001", route.credentials().accessKeyId());
        assertEquals(Optional.empty(), route.credentials().sessionToken());
        assertEquals("us-west-2", route.region());
        assertTrue(route.credentials().source().contains("aws.accessKeyId"), route.credentials().source());
    }

    @Test
    void aSettingsServerKeyAndTheGivenEndpointAndRegionWin() {
        keysInEnvironment();
        environment.put("AWS_REGION", "eu-west-1");
        ClientKey key = new ClientKey(connection("ap-south-1", "http://127.0.0.1:9999", null),
                new CredentialsSettings(Optional.of(new AccessKey("settings.xml server 'ecr'", "AKIASERVER0000000001",
                        "server-secret")), Optional.empty(), Optional.empty()), Optional.empty());
        DirectRoute route = route(key).orElseThrow();
        assertEquals(URI.create("http://127.0.0.1:9999"), route.endpoint());
        assertEquals("ap-south-1", route.region());
        assertEquals("AKIASERVER0000000001", route.credentials().accessKeyId());
        assertEquals("settings.xml server 'ecr'", route.credentials().source());
    }

    @Test
    void everythingTheSdkWorksOutByItselfStaysWithTheSdk() throws Exception {
        keysInEnvironment();
        environment.put("AWS_REGION", "eu-west-1");
        assertTrue(route(key(connection(null, null, null))).isPresent(), "baseline");

        assertNone(key(connection(null, null, "dev")), "profile");
        assertNone(new ClientKey(connection(null, null, null), new CredentialsSettings(Optional.empty(),
                AssumedRole.of("arn:aws:iam::123456789012:role/push", null, null), Optional.empty()),
                Optional.empty()), "role");
        assertNone(new ClientKey(connection(null, null, null), CredentialsSettings.DEFAULT,
                Optional.of(new ProxySettings("corp", "proxy.example.com", 3128, Optional.empty(), Optional.empty(),
                        List.of()))), "proxy");
        assertNone(key(connection("cn-north-1", null, null)), "partition");
        assertNone(key(connection("us-gov-west-1", null, null)), "partition");
        assertNone(key(connection(null, "https://vpce.example.com/ecr", null)), "path");

        for (String variable : List.of("AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_ENDPOINT_URL",
                "AWS_ENDPOINT_URL_ECR")) {
            environment.put(variable, "true");
            assertNone(key(connection(null, null, null)), variable);
            environment.remove(variable);
        }
        properties.put("aws.useFipsEndpoint", "true");
        assertNone(key(connection(null, null, null)), "aws.useFipsEndpoint");
        properties.clear();

        Files.writeString(home.resolve("config"), "[default]\nregion = eu-west-1\nuse_fips_endpoint = true\n");
        assertNone(key(connection(null, null, null)), "endpoint settings");
        Files.writeString(home.resolve("config"), "[default]\nregion = eu-west-1\noutput = json\n");
        assertTrue(route(key(connection(null, null, null))).isPresent(), "a config file without endpoint settings");

        environment.remove("AWS_REGION");
        assertNone(key(connection(null, null, null)), "region");
        environment.put("AWS_REGION", "eu-west-1");
        environment.remove("AWS_SECRET_ACCESS_KEY");
        assertNone(key(connection(null, null, null)), "credentials");
    }

    private void assertNone(ClientKey key, String reasonMentions) {
        reasons.clear();
        assertEquals(Optional.empty(), route(key), reasonMentions);
        assertEquals(1, reasons.size(), reasonMentions);
        assertTrue(reasons.get(0).contains(reasonMentions), reasons.get(0));
    }

    /** The one endpoint rule the direct route knows is the SDK's rule for these regions. */
    @Test
    void theRegionalEndpointIsTheOneTheSdkResolves() {
        keysInEnvironment();
        EcrEndpointProvider sdk = EcrEndpointProvider.defaultProvider();
        for (String region : List.of("us-east-1", "us-west-2", "eu-west-1", "eu-central-2", "eu-south-1",
                "ap-southeast-4", "ap-northeast-3", "sa-east-1", "ca-central-1", "me-central-1", "af-south-1",
                "il-central-1", "mx-central-1")) {
            URI expected = sdk.resolveEndpoint(EcrEndpointParams.builder().region(Region.of(region)).build()).join()
                    .url();
            assertEquals(expected, route(key(connection(region, null, null))).orElseThrow().endpoint(), region);
        }
    }
}
