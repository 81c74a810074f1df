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

    private SystemSettings system() {
        // No shared config file unless a test writes one.
        environment.putIfAbsent("AWS_CONFIG_FILE", home.resolve("config").toString());
        return SystemSettings.of(environment::get, properties::get);
    }

    private Optional<DirectRoute> route(ClientKey key, String region) {
        return DirectRoute.of(key, region, system(), reasons::add);
    }

    private static ConnectionSettings connection(String region, String endpoint, String profile) {
        return new ConnectionSettings(
                Optional.ofNullable(region),
                Optional.ofNullable(endpoint).map(URI::create),
                Optional.ofNullable(profile),
                3,
                Duration.ofSeconds(30));
    }

    private static ClientKey key(ConnectionSettings connection) {
        return ClientKey.of(connection);
    }

    @Test
    void theRegionGivesTheRegionalEndpoint() {
        DirectRoute route =
                route(key(connection(null, null, null)), "eu-west-1").orElseThrow();
        assertEquals(URI.create("https://api.ecr.eu-west-1.amazonaws.com"), route.endpoint());
        assertEquals("eu-west-1", route.region());
        assertEquals(Duration.ofSeconds(10), route.attemptTimeout());
        assertEquals(Optional.empty(), route.proxy());
    }

    @Test
    void theGivenEndpointWins() {
        DirectRoute route = route(key(connection("ap-south-1", "http://127.0.0.1:9999", null)), "ap-south-1")
                .orElseThrow();
        assertEquals(URI.create("http://127.0.0.1:9999"), route.endpoint());
        assertEquals("ap-south-1", route.region());
    }

    /** Credentials of every source take the direct route: they are resolved once, for both routes, elsewhere. */
    @Test
    void everyCredentialSourceAndAProxyWithoutCredentialsTakeTheDirectRoute() throws Exception {
        assertTrue(route(key(connection(null, null, "dev")), "eu-west-1").isPresent(), "profile");
        assertTrue(
                route(
                                new ClientKey(
                                        connection(null, null, null),
                                        new CredentialsSettings(
                                                Optional.empty(),
                                                AssumedRole.of("arn:aws:iam::123456789012:role/push", null, null),
                                                Optional.empty()),
                                        Optional.empty()),
                                "eu-west-1")
                        .isPresent(),
                "role");
        ProxySettings proxy =
                new ProxySettings("corp", "proxy.example.com", 3128, Optional.empty(), Optional.empty(), List.of());
        DirectRoute route = route(
                        new ClientKey(connection(null, null, null), CredentialsSettings.DEFAULT, Optional.of(proxy)),
                        "eu-west-1")
                .orElseThrow();
        assertEquals(Optional.of(proxy), route.proxy());
    }

    @Test
    void everythingTheSdkWorksOutByItselfStaysWithTheSdk() throws Exception {
        assertTrue(route(key(connection(null, null, null)), "eu-west-1").isPresent(), "baseline");

        assertNone(
                new ClientKey(
                        connection(null, null, null),
                        CredentialsSettings.DEFAULT,
                        Optional.of(new ProxySettings(
                                "corp",
                                "proxy.example.com",
                                3128,
                                Optional.of("user"),
                                Optional.of("password"),
                                List.of()))),
                "needs credentials");
        assertNone(key(connection(null, null, null)), "cn-north-1", "partition");
        assertNone(key(connection(null, null, null)), "us-gov-west-1", "partition");
        assertNone(key(connection(null, "https://vpce.example.com/ecr", null)), "path");

        for (String variable : List.of(
                "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECR")) {
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
        assertTrue(
                route(key(connection(null, null, null)), "eu-west-1").isPresent(),
                "a config file without endpoint settings");

        // The file the SDK reads: aws.configFile before AWS_CONFIG_FILE, and HOME's .aws/config without either.
        Path named = Files.writeString(home.resolve("named-config"), "[default]\nuse_fips_endpoint = true\n");
        properties.put("aws.configFile", named.toString());
        assertNone(key(connection(null, null, null)), named + " has endpoint settings");
        properties.clear();
        environment.put("AWS_CONFIG_FILE", home.resolve("no-such-config").toString());
        assertTrue(route(key(connection(null, null, null)), "eu-west-1").isPresent());
        environment.remove("AWS_CONFIG_FILE");
        environment.put("HOME", home.toString());
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "[default]\nuse_dualstack_endpoint = true\n");
        assertEquals(
                Optional.empty(),
                DirectRoute.of(
                        key(connection(null, null, null)),
                        "eu-west-1",
                        SystemSettings.of(environment::get, properties::get),
                        reasons::add),
                "HOME's config file");
    }

    private void assertNone(ClientKey key, String reasonMentions) {
        assertNone(key, "eu-west-1", reasonMentions);
    }

    private void assertNone(ClientKey key, String region, String reasonMentions) {
        reasons.clear();
        assertEquals(Optional.empty(), route(key, region), reasonMentions);
        assertEquals(1, reasons.size(), reasonMentions);
        assertTrue(reasons.get(0).contains(reasonMentions), reasons.get(0));
    }

    /** The one endpoint rule the direct route knows is the SDK's rule for these regions. */
    @Test
    void theRegionalEndpointIsTheOneTheSdkResolves() {
        EcrEndpointProvider sdk = EcrEndpointProvider.defaultProvider();
        for (String region : List.of(
                "us-east-1",
                "us-west-2",
                "eu-west-1",
                "eu-central-2",
                "eu-south-1",
                "ap-southeast-4",
                "ap-northeast-3",
                "sa-east-1",
                "ca-central-1",
                "me-central-1",
                "af-south-1",
                "il-central-1",
                "mx-central-1")) {
            URI expected = sdk.resolveEndpoint(EcrEndpointParams.builder()
                            .region(Region.of(region))
                            .build())
                    .join()
                    .url();
            assertEquals(
                    expected,
                    route(key(connection(region, null, null)), region)
                            .orElseThrow()
                            .endpoint(),
                    region);
        }
    }
}
