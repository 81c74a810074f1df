package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import java.time.Duration;
import java.util.Optional;

/** Connection settings that point the plugin's own client factory at an emulator. */
public final class TestConnections {

    public static final String ACCESS_KEY_ID = "AKIAUNITTEST00000001";

    private TestConnections() {}

    /**
     * Settings for the emulator, with credentials where the default chain looks first (system properties). Call it
     * before each test: other tests clear those properties to test what happens without credentials.
     */
    public static ConnectionSettings to(EcrEmulator emulator) {
        System.setProperty("aws.accessKeyId", ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", "unit-test-secret-key-0000000000000000000");
        return new ConnectionSettings(
                Optional.of("us-east-1"),
                Optional.of(emulator.endpoint()),
                Optional.empty(),
                3,
                Duration.ofSeconds(20));
    }

    /**
     * An emulator for a test class, emptied before each test, with the credentials of {@link #to} set before each
     * test (other tests clear them).
     */
    public static EmulatorExtension emulatorPerClass(EcrEmulator.Builder builder) {
        return EmulatorExtension.perClass(builder).beforeEach(emulator -> {
            to(emulator);
            emulator.reset();
        });
    }

    /** A fresh emulator for each test, with this access key in the system properties while it runs. */
    public static EmulatorExtension emulatorPerTest(String accessKeyId, String secretAccessKey) {
        return EmulatorExtension.perTest(EcrEmulator.builder())
                .with(
                        () -> {
                            System.setProperty("aws.accessKeyId", accessKeyId);
                            System.setProperty("aws.secretAccessKey", secretAccessKey);
                        },
                        () -> {
                            System.clearProperty("aws.accessKeyId");
                            System.clearProperty("aws.secretAccessKey");
                        });
    }
}
