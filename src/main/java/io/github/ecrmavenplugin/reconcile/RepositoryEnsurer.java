package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * ensure-repository's work: plans every repository against what ECR has, the registry's scanning rules included
 * ({@link ScanningByRegistry}), asks ECR what each lifecycle policy about to be written would do, then applies the
 * plans; or, reading only, reports them with what the registry around each says ({@link RegistryContext}) and fails
 * on drift when asked. What the build log says of it is the goal's ({@link Report}).
 */
public final class RepositoryEnsurer {

    private final Registry registry;
    private final Consumer<String> debug;
    private final Consumer<String> info;
    private final Consumer<String> warn;

    /** Where the work is told as it goes: the goal's build log and plan file. */
    public interface Report {

        /**
         * ECR's previews of the lifecycle policies about to be written, before anything is written.
         *
         * @param tag the tag the image builder is about to push to the first repository; {@code null} when no image
         *            is handed over
         */
        void previews(List<LifecyclePreview> previews, List<Plan> plans, String tag);

        /**
         * A run that only reads: the plans, with the previews and what the registry says of each repository.
         *
         * @throws IOException when the plan file cannot be written
         */
        void plans(List<Plan> plans, List<LifecyclePreview> previews, List<RegistryContext> registry)
                throws IOException;

        /** A repository made to match its spec. */
        void applied(Reconciler.Result result);
    }

    /**
     * What the build asks of the run.
     *
     * @param readOnly       plan mode: reads only, and reports what it would change
     * @param failOnDrift    fail a read-only run when ECR differs from the POM
     * @param previewTimeout how long to wait for each lifecycle preview; zero asks for none
     * @param planFile       where the plan is written, which the drift failure points at
     */
    public record Mode(boolean readOnly, boolean failOnDrift, Duration previewTimeout, Path planFile) {}

    /**
     * The repositories to hand over to the later plugins.
     *
     * @param first  the first repository; absent when a read-only run finds it missing
     * @param others the second and later repositories of {@code <repositories>}, those that exist
     */
    public record Ensured(Optional<Repository> first, List<Repository> others) {
        public Ensured {
            others = List.copyOf(others);
        }
    }

    /** ECR differs from the POM, and the build asked to fail then ({@code failOnDrift}). */
    public static final class DriftException extends Exception {

        private static final long serialVersionUID = 1L;

        DriftException(long drifted, int repositories, Path planFile) {
            super("ECR differs from the POM for " + drifted + " of " + repositories + " repositor"
                    + (repositories == 1 ? "y" : "ies") + " (see the plan above and " + planFile
                    + "); run the build without -Decr.failOnDrift and -Decr.plan to apply the POM");
        }
    }

    /**
     * @param info where the registry's scanning rule that governs a repository is said
     * @param warn where what the user should know though the build goes on is said
     */
    public RepositoryEnsurer(Registry registry, Consumer<String> debug, Consumer<String> info, Consumer<String> warn) {
        this.registry = registry;
        this.debug = debug;
        this.info = info;
        this.warn = warn;
    }

    /**
     * Makes the repositories match their specs, or with {@link Mode#readOnly} only says what that would change.
     *
     * @throws DriftException when a read-only run that fails on drift finds ECR differing from the POM
     * @throws IOException    when the plan file cannot be written
     */
    public Ensured ensure(List<RepositorySpec> specs, Reconciler.Options options, Mode mode, Report report)
            throws DriftException, IOException {
        Reconciler reconciler = new Reconciler(registry, debug, warn);
        List<Plan> plans = new ScanningByRegistry(registry, info, warn).apply(reconciler.plan(specs, options));
        List<LifecyclePreview> previews = List.of();
        if (!mode.previewTimeout().isZero()) {
            previews = reconciler.preview(plans, mode.previewTimeout());
            report.previews(
                    previews,
                    plans,
                    options.push().map(Reconciler.PushTarget::tag).orElse(null));
        }
        if (mode.readOnly()) {
            report.plans(plans, previews, reconciler.registryContexts(plans));
            long drifted = plans.stream().filter(p -> !p.inSync()).count();
            if (mode.failOnDrift() && drifted > 0) {
                throw new DriftException(drifted, plans.size(), mode.planFile());
            }
            return new Ensured(
                    plans.get(0).observed().repository(),
                    plans.stream()
                            .skip(1)
                            .flatMap(p -> p.observed().repository().stream())
                            .toList());
        }
        List<Reconciler.Result> results = reconciler.apply(plans);
        results.forEach(report::applied);
        return new Ensured(
                Optional.of(results.get(0).repository()),
                results.stream().skip(1).map(Reconciler.Result::repository).toList());
    }
}
