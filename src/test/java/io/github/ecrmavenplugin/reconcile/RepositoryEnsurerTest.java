package io.github.ecrmavenplugin.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.aws.SdkRegistry;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.registry.Repository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ensure-repository's work against the emulator: what it applies, what a run that only reads reports, and drift. */
class RepositoryEnsurerTest {

    @RegisterExtension
    final EmulatorExtension emulatorExtension = EmulatorExtension.perTest(EcrEmulator.builder());

    private final EcrEmulator emulator = emulatorExtension.emulator();
    private final RepositoryEnsurer ensurer =
            new RepositoryEnsurer(new SdkRegistry(emulatorExtension.client(), null), m -> {}, m -> {}, m -> {});
    private final List<String> told = new ArrayList<>();

    private final RepositoryEnsurer.Report report = new RepositoryEnsurer.Report() {
        @Override
        public void previews(List<LifecyclePreview> previews, List<Plan> plans, String tag) {
            told.add("previews of " + plans.size() + " plans, tag " + tag);
        }

        @Override
        public void plans(List<Plan> plans, List<LifecyclePreview> previews, List<RegistryContext> registry) {
            told.add("plans of " + plans.stream().map(p -> p.spec().name()).toList() + ", " + registry.size()
                    + " contexts");
        }

        @Override
        public void applied(Reconciler.Result result) {
            told.add("applied " + result.repository().name() + ": "
                    + result.plan().outcome());
        }
    };

    private static List<RepositorySpec> specs(String... names) throws Exception {
        List<RepositorySpec> specs = new ArrayList<>();
        for (String name : names) {
            specs.add(RepositorySpec.builder().name(name).build());
        }
        return specs;
    }

    private static RepositoryEnsurer.Mode mode(boolean readOnly, boolean failOnDrift) {
        return new RepositoryEnsurer.Mode(readOnly, failOnDrift, Duration.ZERO, Path.of("target", "ecr-plan.json"));
    }

    @Test
    void appliesThePlansAndHandsOverTheFirstRepositoryAndTheOthers() throws Exception {
        RepositoryEnsurer.Ensured ensured = ensurer.ensure(
                specs("team/api", "team/worker", "team/batch"), Reconciler.Options.DEFAULT, mode(false, false), report);

        assertEquals("team/api", ensured.first().orElseThrow().name());
        assertEquals(
                List.of("team/worker", "team/batch"),
                ensured.others().stream().map(Repository::name).toList());
        assertEquals(
                List.of("applied team/api: created", "applied team/worker: created", "applied team/batch: created"),
                told);
        assertTrue(emulator.repository("team/batch").isPresent());
    }

    @Test
    void aRunThatOnlyReadsReportsThePlansAndHandsOverOnlyWhatExists() throws Exception {
        emulator.seedRepository("team/batch");

        RepositoryEnsurer.Ensured ensured = ensurer.ensure(
                specs("team/api", "team/worker", "team/batch"), Reconciler.Options.DEFAULT, mode(true, false), report);

        assertEquals(Optional.empty(), ensured.first());
        assertEquals(
                List.of("team/batch"),
                ensured.others().stream().map(Repository::name).toList());
        assertEquals(List.of("plans of [team/api, team/worker, team/batch], 3 contexts"), told);
        assertTrue(emulator.repository("team/api").isEmpty());
        assertEquals(
                List.of(),
                emulator.calls().stream()
                        .map(EmulatorCall::operation)
                        .filter(op -> op.equals("CreateRepository"))
                        .toList());
    }

    @Test
    void failsOnDriftNamingHowManyRepositoriesDifferAndThePlanFile() throws Exception {
        emulator.seedRepository("team/batch");

        RepositoryEnsurer.DriftException drift = assertThrows(
                RepositoryEnsurer.DriftException.class,
                () -> ensurer.ensure(
                        specs("team/api", "team/worker", "team/batch"),
                        Reconciler.Options.DEFAULT,
                        mode(true, true),
                        report));

        assertEquals(
                "ECR differs from the POM for 2 of 3 repositories (see the plan above and "
                        + Path.of("target", "ecr-plan.json")
                        + "); run the build without -Decr.failOnDrift and -Decr.plan to apply the POM",
                drift.getMessage());
        assertEquals(List.of("plans of [team/api, team/worker, team/batch], 3 contexts"), told);
    }

    @Test
    void aRunInSyncDoesNotFailOnDrift() throws Exception {
        emulator.seedRepository("team/api");

        RepositoryEnsurer.Ensured ensured =
                ensurer.ensure(specs("team/api"), Reconciler.Options.DEFAULT, mode(true, true), report);

        assertEquals("team/api", ensured.first().orElseThrow().name());
        assertEquals(List.of(), ensured.others());
    }

    @Test
    void previewsAreToldWithTheTagAboutToBePushedUnlessTheirTimeoutIsZero() throws Exception {
        emulator.seedRepository("team/api");
        Reconciler.Options push =
                new Reconciler.Options(true, Optional.of(new Reconciler.PushTarget("team/api", "1.0")));

        ensurer.ensure(
                specs("team/api"),
                push,
                new RepositoryEnsurer.Mode(false, false, Duration.ofSeconds(5), Path.of("plan.json")),
                report);
        ensurer.ensure(specs("team/api"), Reconciler.Options.DEFAULT, mode(false, false), report);
        ensurer.ensure(
                specs("team/api"),
                Reconciler.Options.DEFAULT,
                new RepositoryEnsurer.Mode(false, false, Duration.ofSeconds(5), Path.of("plan.json")),
                report);

        assertEquals(
                List.of(
                        "previews of 1 plans, tag 1.0",
                        "applied team/api: up to date",
                        "applied team/api: up to date",
                        "previews of 1 plans, tag null",
                        "applied team/api: up to date"),
                told);
    }
}
