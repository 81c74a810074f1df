package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.registry.RegistryException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkGlobalTime;

/**
 * A build machine whose clock is further off AWS's than AWS allows: AWS refuses the signature, and the SDK corrects
 * its clock from the answer's {@code Date} and signs again, as it does against AWS.
 */
class ClockSkewTest {

    private static final String KEY = "AKIACLOCKSKEWKEY0001";
    private static final String SECRET = "clock/skew/secret/000000000000000000001";

    @RegisterExtension
    final SdkEnvironment sdk = new SdkEnvironment();

    private EcrEmulator emulator;

    @BeforeEach
    void start() {
        emulator =
                EcrEmulator.builder().clockAhead(Duration.ofMinutes(20)).build().start();
        emulator.identities().add(KEY, SECRET);
        emulator.seedRepository("team/app");
        sdk.property("aws.accessKeyId", KEY).property("aws.secretAccessKey", SECRET);
        // The SDK keeps the correction it learnt for the JVM's later clients: each test starts without one.
        SdkGlobalTime.setGlobalTimeOffset(0);
    }

    @AfterEach
    void stop() {
        emulator.close();
        SdkGlobalTime.setGlobalTimeOffset(0);
    }

    @Test
    void aClockTwentyMinutesOffIsCorrectedFromTheAnswersDate() {
        Registries.connect(key(3), null, message -> {}).registry().describe(List.of("team/app"));

        List<EmulatorCall> calls = emulator.calls("DescribeRepositories");
        assertEquals(2, calls.size(), calls.toString());
        assertEquals("InvalidSignatureException", calls.get(0).errorType());
        assertTrue(calls.get(1).succeeded(), calls.get(1).toString());
    }

    /** Without a second attempt the skew stays: the emulator refuses the signature with AWS's words. */
    @Test
    void theSignatureOfTheFirstAttemptIsRefusedAsAwsRefusesIt() {
        RegistryException e = assertThrows(
                RegistryException.class,
                () -> Registries.connect(key(1), null, message -> {}).registry().describe(List.of("team/app")));

        assertEquals(Optional.of("InvalidSignatureException"), e.errorCode());
        String answer = e.getCause().getMessage();
        assertTrue(answer.startsWith("Signature expired: "), answer);
        assertTrue(answer.contains(" - 5 min.)"), answer);
    }

    private ClientKey key(int maxAttempts) {
        return ClientKey.of(new ConnectionSettings(
                Optional.of("us-east-1"),
                Optional.of(emulator.endpoint()),
                Optional.empty(),
                maxAttempts,
                Duration.ofSeconds(20)));
    }
}
