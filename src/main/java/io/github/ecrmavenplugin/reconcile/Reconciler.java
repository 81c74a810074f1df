package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.ecr.Registry;
import io.github.ecrmavenplugin.ecr.Repository;
import io.github.ecrmavenplugin.spec.RepositorySpec;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Observe, plan, apply: makes one repository match its spec. Every step is idempotent, so a build that failed half
 * way (the repository created, its policy not yet set) is completed by the next build.
 */
public final class Reconciler {

    /**
     * Reads are blocking SDK calls issued side by side; a small daemon pool keeps them off Maven's threads and never
     * keeps the JVM alive. (The common fork-join pool has one thread on a two-core machine.)
     */
    private static final ExecutorService READS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ecr-read");
        thread.setDaemon(true);
        return thread;
    });

    private final Registry registry;
    private final Consumer<String> debug;

    public Reconciler(Registry registry, Consumer<String> debug) {
        this.registry = registry;
        this.debug = debug;
    }

    /**
     * Reads the current state, issuing all reads at once: the cost is one round trip, not one per setting. A
     * missing repository shows as absent in every read, so no read waits on another.
     */
    public Observed observe(RepositorySpec spec) {
        CompletableFuture<Optional<Repository>> repository = read(() -> registry.describe(spec.name()));
        CompletableFuture<Optional<String>> policy = spec.policy().isPresent()
                ? read(() -> registry.repositoryPolicy(spec.name()))
                : CompletableFuture.completedFuture(Optional.empty());
        return new Observed(join(repository), join(policy));
    }

    /** Plans without writing: what {@link #ensure} would do now. */
    public Plan plan(RepositorySpec spec) {
        return Plan.between(spec, observe(spec));
    }

    /** Makes the repository match the spec and reports what it did. */
    public Result ensure(RepositorySpec spec) {
        Plan plan = plan(spec);
        try {
            return apply(plan);
        } catch (Registry.RepositoryAlreadyExistsException e) {
            // Created by a parallel build since we looked: theirs is as good as ours. Plan again from what is there
            // now, so its settings are checked like any other existing repository's.
            debug.accept(spec.name() + ": created concurrently by someone else; reconciling it");
            return apply(plan(spec));
        }
    }

    private Result apply(Plan plan) {
        Optional<Repository> repository = plan.observed().repository();
        for (Change change : plan.changes()) {
            debug.accept(plan.spec().name() + ": " + change.summary());
            if (change instanceof Change.CreateRepository create) {
                repository = Optional.of(registry.create(create.spec()));
            } else if (change instanceof Change.SetRepositoryPolicy set) {
                registry.setRepositoryPolicy(set.repositoryName(), set.desired());
            }
        }
        return new Result(repository.orElseThrow(), plan);
    }

    private static <T> CompletableFuture<T> read(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, READS);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The repository after reconciliation and the plan that got it there. */
    public record Result(Repository repository, Plan plan) {}
}
