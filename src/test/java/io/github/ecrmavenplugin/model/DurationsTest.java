package io.github.ecrmavenplugin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one syntax of every duration parameter ({@code timeout}, {@code scanTimeout}). */
class DurationsTest {

    @ParameterizedTest(name = "\"{0}\" = {1} s")
    @CsvSource({
        "0, 0",
        "600, 600",
        "90s, 90",
        "90 seconds, 90",
        "10m, 600",
        "10 min, 600",
        "PT10M, 600",
        "pt1m30s, 90",
        "' 3s ', 3"
    })
    void readsSecondsAUnitOrIso8601(String text, long seconds) throws Exception {
        assertEquals(Duration.ofSeconds(seconds), Durations.parse(text, "scanTimeout"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"soon", "", "-5", "10h", "PT", "5 m s"})
    void refusesWhatIsNoDurationNamingTheParameter(String text) {
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> Durations.parse(text, "scanTimeout"));
        assertEquals("scanTimeout", e.parameter());
        assertTrue(e.getMessage().contains("is not a duration; give seconds (90)"), e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"PT-5M", "-PT10S", "PT-1S"})
    void refusesANegativeDuration(String text) {
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> Durations.parse(text, "scanTimeout"));
        assertTrue(e.getMessage().contains("\"" + text + "\" is negative"), e.getMessage());
    }
}
