package io.github.ecrmavenplugin.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A per-class emulator serves every run of its class in one JVM, each from an empty emulator, as PIT runs a class
 * once for each mutant: a class whose second run failed would have PIT count every mutant it reaches as killed.
 */
class EmulatorExtensionTest {

    /** A class with an emulator of its own, as several test classes have; run by the test below, not by the build. */
    static class PerClassEmulatorUser {

        @RegisterExtension
        static final EmulatorExtension ecr = EmulatorExtension.perClass(EcrEmulator.builder());

        @Test
        void createsARepositoryThatIsNotThereYet() {
            ecr.client().createRepository(request -> request.repositoryName("made-once-per-run"));
        }
    }

    @Test
    void aPerClassEmulatorServesEveryRunOfItsClassInOneJvm() {
        for (int run = 1; run <= 3; run++) {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create()
                    .execute(
                            LauncherDiscoveryRequestBuilder.request()
                                    .selectors(selectClass(PerClassEmulatorUser.class))
                                    .build(),
                            listener);
            TestExecutionSummary summary = listener.getSummary();

            assertEquals(
                    1,
                    summary.getTestsSucceededCount(),
                    "run " + run + ": "
                            + summary.getFailures().stream()
                                    .map(failure -> failure.getException().toString())
                                    .toList());
        }
    }
}
