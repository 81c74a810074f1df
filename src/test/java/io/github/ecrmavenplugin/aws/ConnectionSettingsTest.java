package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The retry budget as users write it. (Invalid values are in InvalidConfigurationCatalogueTest.) */
class ConnectionSettingsTest {

    @ParameterizedTest(name = "timeout \"{0}\" = {1} s")
    @CsvSource({
        "90, 90",
        "90s, 90",
        "90 seconds, 90",
        "2m, 120",
        "2 min, 120",
        "PT90S, 90",
        "pt1m30s, 90",
        "'', 60",
        "1, 1",
        "PT30M, 1800"
    })
    void timeoutsReadAsSecondsWithAUnitOrIso8601(String text, long seconds) throws Exception {
        assertEquals(
                Duration.ofSeconds(seconds),
                ConnectionSettings.of(null, null, null, null, text).timeout());
    }

    @ParameterizedTest(name = "timeout {0} s, {1} attempts: an attempt may take {2} ms")
    @CsvSource({"60, 5, 20000", "3, 5, 1000", "1, 5, 1000", "60, 1, 60000"})
    void oneAttemptMayTakeAThirdOfTheTimeout(long timeout, int attempts, long attemptMillis) throws Exception {
        ConnectionSettings settings = ConnectionSettings.of(null, null, null, attempts, Long.toString(timeout));
        assertEquals(Duration.ofMillis(attemptMillis), settings.attemptTimeout());
    }

    @ParameterizedTest(name = "maxAttempts {0}")
    @CsvSource({"1", "5", "20"})
    void maxAttemptsFromOneToTwenty(int attempts) throws Exception {
        assertEquals(
                attempts,
                ConnectionSettings.of(null, null, null, attempts, null).maxAttempts());
    }

    @ParameterizedTest(name = "{0}: warned {1}")
    @CsvSource({
        "http://ecr.internal.example:8080, true",
        "http://10.0.0.5, true",
        "https://api.ecr.eu-west-1.amazonaws.com, false",
        "http://127.0.0.1:4566, false",
        "http://localhost:4566, false",
        "'http://[::1]:4566', false",
        "'', false"
    })
    void plainHttpToAnotherHostIsWarnedAbout(String endpoint, boolean warned) throws Exception {
        var warning = ConnectionSettings.of(null, endpoint, null).plainTextWarning();
        assertEquals(warned, warning.isPresent());
        warning.ifPresent(text -> {
            assertTrue(text.contains("session token"), text);
            assertTrue(text.contains("travel unencrypted"), text);
        });
    }

    @org.junit.jupiter.api.Test
    void endpointWithUserInfoIsRefusedWithoutRepeatingIt() {
        var e = assertThrows(
                io.github.ecrmavenplugin.model.InvalidConfigurationException.class,
                () -> ConnectionSettings.of(null, "https://AKIDEXAMPLE:wJalrXUtnFEMI@ecr.example.com", null));
        assertEquals("endpoint", e.parameter());
        assertFalse(e.getMessage().contains("wJalrXUtnFEMI"), e.getMessage());
        assertFalse(e.getMessage().contains("AKIDEXAMPLE"), e.getMessage());
    }
}
