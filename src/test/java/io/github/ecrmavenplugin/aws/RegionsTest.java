package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One region for the whole plugin, in the SDK's order, never from instance metadata. */
class RegionsTest {

    @TempDir
    Path home;

    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();
    private String configFileProperty;

    @BeforeEach
    void configFile() throws Exception {
        // The SDK's profile reader takes aws.configFile before AWS_CONFIG_FILE.
        configFileProperty = System.getProperty("aws.configFile");
        Files.writeString(
                home.resolve("config"), "[default]\nregion = ca-central-1\n[profile dev]\nregion = eu-north-1\n");
        System.setProperty("aws.configFile", home.resolve("config").toString());
    }

    @AfterEach
    void restore() {
        if (configFileProperty == null) {
            System.clearProperty("aws.configFile");
        } else {
            System.setProperty("aws.configFile", configFileProperty);
        }
    }

    private Optional<String> find(String given, String profile) {
        return Regions.find(
                new ConnectionSettings(
                        Optional.ofNullable(given),
                        Optional.<URI>empty(),
                        Optional.ofNullable(profile),
                        3,
                        Duration.ofSeconds(30)),
                SystemSettings.of(environment::get, properties::get));
    }

    @Test
    void givenThenPropertyThenEnvironmentThenProfile() {
        environment.put("AWS_REGION", "eu-west-1");
        properties.put("aws.region", "us-west-2");
        assertEquals(Optional.of("ap-south-1"), find("ap-south-1", "dev"));
        assertEquals(Optional.of("us-west-2"), find(null, "dev"));
        properties.clear();
        assertEquals(Optional.of("eu-west-1"), find(null, "dev"));
        environment.clear();
        assertEquals(Optional.of("eu-north-1"), find(null, "dev"));
    }

    @Test
    void theDefaultProfileWhenNoneIsNamedAndNothingWithoutAConfigFile() throws Exception {
        if (System.getenv("AWS_PROFILE") == null) {
            assertEquals(Optional.of("ca-central-1"), find(null, null));
        }
        Files.delete(home.resolve("config"));
        assertEquals(Optional.empty(), find(null, "dev"));
    }
}
