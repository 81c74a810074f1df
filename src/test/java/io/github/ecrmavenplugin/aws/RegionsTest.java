package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The region: the POM's, else the SDK's region chain, the named profile's region included. */
class RegionsTest {

    @RegisterExtension
    final SdkEnvironment sdk = new SdkEnvironment();

    @TempDir
    Path home;

    @BeforeEach
    void configFile() throws Exception {
        Files.writeString(
                home.resolve("config"), "[default]\nregion = ca-central-1\n[profile dev]\nregion = eu-north-1\n");
        sdk.variable("AWS_CONFIG_FILE", home.resolve("config").toString())
                .variable("AWS_PROFILE", null)
                .variable("AWS_REGION", null)
                .property("aws.region", null)
                .property("aws.configFile", null);
    }

    private static ConnectionSettings settings(String given, String profile) {
        return new ConnectionSettings(
                Optional.ofNullable(given),
                Optional.<URI>empty(),
                Optional.ofNullable(profile),
                3,
                Duration.ofSeconds(30));
    }

    private static Optional<String> find(String given, String profile) {
        return Regions.configured(settings(given, profile));
    }

    @Test
    void givenThenPropertyThenEnvironmentThenProfile() {
        sdk.variable("AWS_REGION", "eu-west-1").property("aws.region", "us-west-2");
        assertEquals(Optional.of("ap-south-1"), find("ap-south-1", "dev"));
        assertEquals(Optional.of("us-west-2"), find(null, "dev"));
        sdk.property("aws.region", null);
        assertEquals(Optional.of("eu-west-1"), find(null, "dev"));
        sdk.variable("AWS_REGION", null);
        assertEquals(Optional.of("eu-north-1"), find(null, "dev"));
    }

    @Test
    void theProfileOfAwsProfileElseDefaultAndNothingWithoutAConfigFile() throws Exception {
        assertEquals(Optional.of("ca-central-1"), find(null, null));
        sdk.variable("AWS_PROFILE", "dev");
        assertEquals(Optional.of("eu-north-1"), find(null, null));
        Files.delete(home.resolve("config"));
        assertEquals(Optional.empty(), find(null, "dev"));
    }

    @Test
    void nothingNamingARegionFailsWhereTheMetadataServiceIsOff() throws Exception {
        Files.delete(home.resolve("config"));
        // Surefire disables the metadata service (AWS_EC2_METADATA_DISABLED), as off EC2 it would only time out.
        EcrClients.MissingRegionException e =
                assertThrows(EcrClients.MissingRegionException.class, () -> Regions.of(settings(null, null)));
        assertEquals("no AWS region is configured", e.getMessage());
        assertEquals("sa-east-1", Regions.of(settings("sa-east-1", null)).id());
    }

    @Test
    void instanceMetadataIsAskedOnlyWhenNothingElseNamesARegion() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer metadata = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        metadata.createContext("/", exchange -> {
            asked.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body = exchange.getRequestMethod().equals("PUT")
                    ? "imds-session-token".getBytes(StandardCharsets.UTF_8)
                    : "{\"region\" : \"ap-southeast-2\", \"instanceId\" : \"i-0123\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (exchange) {
                exchange.getResponseBody().write(body);
            }
        });
        metadata.start();
        try {
            sdk.variable("AWS_EC2_METADATA_DISABLED", "false")
                    .variable(
                            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
                            "http://127.0.0.1:" + metadata.getAddress().getPort());

            assertEquals("eu-north-1", Regions.of(settings(null, "dev")).id());
            assertEquals(List.of(), asked, "a profile naming the region: no metadata call");

            Files.delete(home.resolve("config"));
            assertEquals("ap-southeast-2", Regions.of(settings(null, null)).id());
            assertTrue(asked.contains("GET /latest/dynamic/instance-identity/document"), asked.toString());
            assertEquals(Optional.empty(), find(null, null), "never asked before any call");
        } finally {
            metadata.stop(0);
        }
    }
}
