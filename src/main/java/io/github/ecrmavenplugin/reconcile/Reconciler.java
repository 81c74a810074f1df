package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.model.PolicyMode;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.TagMutability;
import io.github.ecrmavenplugin.registry.CreationTemplate;
import io.github.ecrmavenplugin.registry.PullThroughCacheRule;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Observe, plan, apply: makes repositories match their specs. Every step is idempotent, so a build that failed half
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
    private final RegistryRules rules;

    /** A reconciler that says what it would warn about at debug level only. */
    public Reconciler(Registry registry, Consumer<String> debug) {
        this(registry, debug, debug);
    }

    /**
     * @param warn where to say what the user should know though the build goes on, e.g. that the registry's creation
     *             templates could not be read
     */
    public Reconciler(Registry registry, Consumer<String> debug, Consumer<String> warn) {
        this.registry = registry;
        this.debug = debug;
        this.rules = new RegistryRules(registry, READS, warn);
    }

    /**
     * What the build asks beyond the specs.
     *
     * @param createIfMissing create a missing repository, or fail because it must exist already
     * @param push            the repository and tag Jib will push, to check against immutable tags
     */
    public record Options(boolean createIfMissing, Optional<PushTarget> push) {
        public static final Options DEFAULT = new Options(true, Optional.empty());
    }

    /**
     * The image tags the build will push into a repository: Jib's main tag and its additional tags
     * ({@code <to><tags>}), each of which ECR refuses to move when it is immutable and taken.
     */
    public record PushTarget(String repositoryName, String tag, List<String> additionalTags) {

        public PushTarget {
            additionalTags = List.copyOf(additionalTags);
        }

        public PushTarget(String repositoryName, String tag) {
            this(repositoryName, tag, List.of());
        }

        /** The main tag first, then the additional ones, each once. */
        public List<String> tags() {
            return List.copyOf(new java.util.LinkedHashSet<>(
                    java.util.stream.Stream.concat(java.util.stream.Stream.of(tag), additionalTags.stream())
                            .toList()));
        }
    }

    /**
     * Reads the current state of every repository, issuing the reads at once: one {@code DescribeRepositories} for
     * up to 100 repositories, side by side with each one's policy and lifecycle reads (only those the spec
     * declares). Reads that need the describe's answer (tags need the ARN, the tag guard the mutability) follow it
     * at once. A missing repository shows as absent in every read, so no read waits on a failure.
     */
    public List<Observed> observe(List<RepositorySpec> specs, Optional<PushTarget> push) {
        CompletableFuture<Map<String, Repository>> described = read(
                () -> registry.describe(specs.stream().map(RepositorySpec::name).toList()));
        List<CompletableFuture<Observed>> observed = new ArrayList<>();
        for (RepositorySpec spec : specs) {
            CompletableFuture<Optional<String>> policy = spec.policy().isPresent()
                    ? read(() -> registry.repositoryPolicy(spec.name()))
                    : done(Optional.empty());
            CompletableFuture<Optional<String>> lifecycle =
                    spec.lifecyclePolicy().isPresent()
                            ? read(() -> registry.lifecyclePolicy(spec.name()))
                            : done(Optional.empty());
            CompletableFuture<Optional<Repository>> repository =
                    described.thenApply(found -> Optional.ofNullable(found.get(spec.name())));
            CompletableFuture<Optional<Map<String, String>>> tags = spec.tags().isPresent()
                    ? repository.thenApplyAsync(r -> r.map(existing -> registry.tags(existing.arn())), READS)
                    : done(Optional.empty());
            List<String> pushTags = push.filter(p -> p.repositoryName().equals(spec.name()))
                    .map(PushTarget::tags)
                    .orElse(List.of());
            CompletableFuture<Optional<String>> pushTagTaken = pushTags.isEmpty()
                    ? done(Optional.empty())
                    : repository.thenApplyAsync(
                            r -> r.flatMap(existing -> pushTags.stream()
                                    .filter(tag ->
                                            Plan.effectiveTagMutability(spec, r).isImmutable(tag))
                                    .filter(tag -> registry.imageTagExists(spec.name(), tag))
                                    .findFirst()),
                            READS);
            observed.add(CompletableFuture.allOf(policy, lifecycle, tags, pushTagTaken)
                    .thenApply(ignored -> new Observed(
                            repository.join(), policy.join(), lifecycle.join(), tags.join(), pushTagTaken.join())));
        }
        return observed.stream().map(Reconciler::join).toList();
    }

    public Observed observe(RepositorySpec spec) {
        return observe(List.of(spec), Optional.empty()).get(0);
    }

    /**
     * Plans without writing: what {@link #ensure} would do now.
     *
     * @throws RepositoryMissingException when a repository is missing and must not be created
     * @throws ImageTagTakenException     when the tag Jib would push is taken and immutable
     */
    public List<Plan> plan(List<RepositorySpec> specs, Options options) {
        List<Observed> observed = observe(specs, options.push());
        for (int i = 0; i < specs.size(); i++) {
            RepositorySpec spec = specs.get(i);
            Observed now = observed.get(i);
            if (!now.exists() && !options.createIfMissing()) {
                throw new RepositoryMissingException(spec.name());
            }
            if (now.takenPushTag().isPresent()) {
                throw new ImageTagTakenException(
                        spec.name(), now.takenPushTag().get(), Plan.effectiveTagMutability(spec, now.repository()));
            }
        }
        List<RepositorySpec> missing = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (!observed.get(i).exists()) {
                missing.add(specs.get(i));
            }
        }
        if (!missing.isEmpty()) {
            // Creating needs the registry's rules: both reads at once, and only on this path.
            rules.startCreationReads(missing.stream().anyMatch(RepositorySpec::followsCreationTemplate));
        }
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            plans.add(checked(planOne(specs.get(i), observed.get(i))));
        }
        return plans;
    }

    /**
     * The plan for one repository, with the registry's rules where they matter: a repository to be created must not
     * be in a pull through cache's namespace, and is created as the creation template for its name would; a plan
     * that would remove a policy statement or a tag keeps those the template put there.
     *
     * @throws PullThroughCacheNamespaceException when the repository to be created is a cache's
     */
    private Plan planOne(RepositorySpec spec, Observed observed) {
        if (!observed.exists()) {
            PullThroughCacheRule.covering(rules.pullThroughCacheRulesToDecideBy(), spec.name())
                    .ifPresent(rule -> {
                        throw new PullThroughCacheNamespaceException(spec.name(), rule);
                    });
            return Plan.between(spec, withTemplate(spec, observed));
        }
        Plan plan = Plan.between(spec, observed);
        if (spec.followsCreationTemplate() && plan.removesWhatATemplateMayHavePut()) {
            Observed withTemplate = withTemplate(spec, observed);
            if (withTemplate.creationTemplate().isPresent()) {
                debug.accept(spec.name() + ": the plan removes policy statements or tags; keeping those of "
                        + TemplateSettings.name(withTemplate.creationTemplate().get()));
                return Plan.between(spec, withTemplate);
            }
        }
        return plan;
    }

    /** The observation with the creation template ECR would apply to the name, when the POM follows templates. */
    private Observed withTemplate(RepositorySpec spec, Observed observed) {
        if (!spec.followsCreationTemplate()) {
            return observed;
        }
        return observed.withCreationTemplate(
                CreationTemplate.forPush(rules.creationTemplatesToDecideBy(), spec.name()));
    }

    /**
     * What the registry around each planned repository says about it, for plan mode (reads only): the creation
     * template for its name, replication, ... A read the build may not make is reported, not failed.
     */
    public List<RegistryContext> registryContexts(List<Plan> plans) {
        return new RegistryContexts(registry, rules, READS).of(plans);
    }

    /**
     * A merged policy is known only once ECR's is read: its size is checked here, on the compact JSON that would be
     * sent, before any write.
     */
    static Plan checked(Plan plan) {
        for (Change change : plan.changes()) {
            if (change instanceof Change.SetRepositoryPolicy set) {
                try {
                    set.desired()
                            .checkSize(
                                    plan.spec().policyMode() == io.github.ecrmavenplugin.model.PolicyMode.MERGE
                                            ? "policyMode"
                                            : "policy");
                } catch (io.github.ecrmavenplugin.model.InvalidConfigurationException e) {
                    throw new InvalidPlanException(plan.spec().name(), e);
                }
            }
        }
        return plan;
    }

    /**
     * Makes every repository match its spec and reports what it did; all checks pass before the first write.
     *
     * @throws PublicPolicyException when a policy to be written would keep a public statement from ECR and the POM
     *                               does not allow public access; nothing is written then
     */
    public List<Result> ensure(List<RepositorySpec> specs, Options options) {
        return apply(plan(specs, options));
    }

    /**
     * Asks ECR, for every existing repository whose lifecycle policy the plans change, what the new policy would do
     * to its images now (a preview applies nothing). A preview that does not finish within {@code timeout}, or that
     * ECR will not give (e.g. the build may not call it), is reported as skipped: it never fails or holds up the
     * build. ECR refusing the policy itself does fail, naming it: writing it would fail too.
     */
    public List<LifecyclePreview> preview(List<Plan> plans, java.time.Duration timeout) {
        List<CompletableFuture<LifecyclePreview>> previews = new ArrayList<>();
        for (Plan plan : plans) {
            if (!plan.observed().exists()) {
                continue; // a new repository has no images
            }
            for (Change change : plan.changes()) {
                if (change instanceof Change.SetLifecyclePolicy set) {
                    String name = set.repositoryName();
                    previews.add(read(() -> preview(name, set.desired(), timeout))
                            .completeOnTimeout(
                                    LifecyclePreview.skipped(name, notFinished(timeout)),
                                    timeout.toMillis(),
                                    java.util.concurrent.TimeUnit.MILLISECONDS));
                }
            }
        }
        return previews.stream().map(Reconciler::join).toList();
    }

    private LifecyclePreview preview(
            String name, io.github.ecrmavenplugin.model.LifecyclePolicy policy, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            registry.startLifecyclePolicyPreview(name, policy);
            long pause = 100;
            while (true) {
                io.github.ecrmavenplugin.registry.LifecyclePolicyPreview answer = registry.lifecyclePolicyPreview(name);
                if (answer.isComplete()) {
                    return LifecyclePreview.of(name, policy, answer);
                }
                if (!answer.isInProgress()) {
                    return LifecyclePreview.skipped(name, "ECR's preview ended with status " + answer.status());
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return LifecyclePreview.skipped(name, notFinished(timeout));
                }
                Thread.sleep(Math.min(pause, left));
                pause = Math.min(pause * 2, 2_000);
            }
        } catch (io.github.ecrmavenplugin.registry.RegistryException e) {
            if (e.isInvalidParameter()) {
                throw e;
            }
            debug.accept(name + ": lifecycle preview failed: " + e.getMessage());
            return LifecyclePreview.skipped(
                    name,
                    e.isAccessDenied()
                            ? "the build may not call " + e.iamAction() + " (print-iam-policy lists it)"
                            : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LifecyclePreview.skipped(name, "interrupted");
        }
    }

    private static String notFinished(java.time.Duration timeout) {
        return "ECR's preview did not finish within " + timeout.toMillis() / 1000.0 + " s "
                + "(<lifecyclePreviewTimeout>)";
    }

    /** Applies plans made by {@link #plan}, in order, and reports what each did. */
    public List<Result> apply(List<Plan> plans) {
        for (Plan plan : plans) {
            refusePublic(plan);
        }
        List<Result> results = new ArrayList<>();
        for (Plan plan : plans) {
            try {
                results.add(apply(plan));
            } catch (Registry.RepositoryAlreadyExistsException e) {
                // Created by a parallel build since we looked: theirs is as good as ours. Plan again from what is
                // there now, so its settings are checked like any other existing repository's.
                debug.accept(plan.spec().name() + ": created concurrently by someone else; reconciling it");
                Plan again = planOne(plan.spec(), observe(plan.spec()));
                refusePublic(again);
                try {
                    results.add(apply(again));
                } catch (Registry.RepositoryAlreadyExistsException twice) {
                    // Only a registry that contradicts itself says "exists" to a plan made from seeing it there.
                    throw new UnexpectedAnswerException(
                            "ECR said twice that repository " + plan.spec().name()
                                    + " already exists, although it was not there when the plugin looked again. Run the "
                                    + "build again; if it persists, check that <endpoint> is an ECR endpoint",
                            twice);
                }
            }
        }
        return results;
    }

    private static void refusePublic(Plan plan) {
        List<PolicyFinding> refused = plan.refusedPublicStatements();
        if (!refused.isEmpty()) {
            throw new PublicPolicyException(plan.spec().name(), refused);
        }
    }

    public Result ensure(RepositorySpec spec) {
        return ensure(List.of(spec), Options.DEFAULT).get(0);
    }

    private Result apply(Plan plan) {
        Optional<Repository> repository = plan.observed().repository();
        for (Change change : plan.changes()) {
            debug.accept(plan.spec().name() + ": " + change.summary());
            if (change instanceof Change.CreateRepository create) {
                repository = Optional.of(registry.create(create.spec()));
            } else if (change instanceof Change.SetRepositoryPolicy set) {
                setRepositoryPolicy(plan.spec(), set);
            } else if (change instanceof Change.SetLifecyclePolicy set) {
                registry.setLifecyclePolicy(set.repositoryName(), set.desired());
            } else if (change instanceof Change.SetTagMutability set) {
                registry.setTagMutability(set.repositoryName(), set.desired());
            } else if (change instanceof Change.SetScanOnPush set) {
                registry.setScanOnPush(set.repositoryName(), set.desired());
            } else if (change instanceof Change.TagRepository tag) {
                registry.tag(repository.orElseThrow().arn(), tag.tags());
            } else if (change instanceof Change.UntagRepository untag) {
                registry.untag(repository.orElseThrow().arn(), untag.keys());
            }
        }
        return new Result(repository.orElseThrow(), plan);
    }

    /**
     * Writes the policy, forced when the POM allows a lock-out; ECR's refusal of it names the mode that made it,
     * since in {@code merge} mode statements kept from ECR are part of what was sent, and a statement that may be
     * why: one that denies some principal the right to set the policy, which ECR refuses unless forced when the
     * build is that principal.
     */
    private void setRepositoryPolicy(RepositorySpec spec, Change.SetRepositoryPolicy set) {
        try {
            registry.setRepositoryPolicy(set.repositoryName(), set.desired(), spec.allowLockOut());
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.REFUSED) {
                throw new PolicyRefusedException(
                        spec.policyMode(),
                        spec.allowLockOut() ? Optional.empty() : set.desired().possibleLockOut(),
                        e);
            }
            throw e;
        }
    }

    private static <T> CompletableFuture<T> read(Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, READS);
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * The policy a build would write keeps a public statement from ECR, and the POM does not allow public access.
     */
    public static final class PublicPolicyException extends RuntimeException {
        private final List<PolicyFinding> statements;

        public PublicPolicyException(String repositoryName, List<PolicyFinding> statements) {
            super("ECR repository " + repositoryName + ": nothing was written. "
                    + String.join(
                            " ",
                            statements.stream()
                                    .map(f -> "The " + f.message() + ".")
                                    .toList()));
            this.statements = List.copyOf(statements);
        }

        public List<PolicyFinding> statements() {
            return statements;
        }
    }

    /** ECR answered in a way it does not: reported plainly, as a failure of the build rather than of the plugin. */
    public static final class UnexpectedAnswerException extends RuntimeException {
        public UnexpectedAnswerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The repository after reconciliation and the plan that got it there. */
    public record Result(Repository repository, Plan plan) {}

    /** ECR refused the repository policy written in {@code mode}: the POM's policy, or the merged one. */
    public static final class PolicyRefusedException extends RuntimeException {
        private final PolicyMode mode;
        private final Optional<String> lockOut;

        /**
         * @param lockOut a statement of the policy sent without {@code force} that denies some principal the right
         *                to set the policy ({@link io.github.ecrmavenplugin.model.PolicyDocument#possibleLockOut})
         */
        public PolicyRefusedException(PolicyMode mode, Optional<String> lockOut, RegistryException refusal) {
            super(refusal.getMessage(), refusal);
            this.mode = mode;
            this.lockOut = lockOut;
        }

        public PolicyMode mode() {
            return mode;
        }

        /** A statement that may be why ECR refused the policy: it may lock the build out. */
        public Optional<String> lockOut() {
            return lockOut;
        }

        /** ECR's refusal. */
        public RegistryException refusal() {
            return (RegistryException) getCause();
        }
    }

    /** A plan that would send what ECR certainly refuses, e.g. a merged policy over ECR's size limit. */
    public static final class InvalidPlanException extends RuntimeException {
        public InvalidPlanException(
                String repositoryName, io.github.ecrmavenplugin.model.InvalidConfigurationException cause) {
            super("repository " + repositoryName + ": " + cause.getMessage(), cause);
        }
    }

    /** A repository the plan refuses to go ahead with, before any write; names the repository. */
    public abstract static class RepositoryRefusedException extends RuntimeException {
        private final String repositoryName;

        RepositoryRefusedException(String repositoryName, String message) {
            super(message);
            this.repositoryName = repositoryName;
        }

        public String repositoryName() {
            return repositoryName;
        }
    }

    /**
     * The repository to be created is in the namespace of a pull through cache rule: ECR creates and fills those
     * repositories itself, from the upstream registry, when an image is pulled through the cache.
     */
    public static final class PullThroughCacheNamespaceException extends RepositoryRefusedException {
        private final PullThroughCacheRule rule;

        public PullThroughCacheNamespaceException(String repositoryName, PullThroughCacheRule rule) {
            super(
                    repositoryName,
                    "repository " + repositoryName + " is in the namespace " + rule.ecrRepositoryPrefix()
                            + "/ of a pull through cache rule");
            this.rule = rule;
        }

        public PullThroughCacheRule rule() {
            return rule;
        }
    }

    /** The repository does not exist and the POM says not to create it ({@code createIfMissing=false}). */
    public static final class RepositoryMissingException extends RepositoryRefusedException {
        public RepositoryMissingException(String repositoryName) {
            super(repositoryName, "repository " + repositoryName + " does not exist");
        }
    }

    /** The tag Jib would push exists already and ECR will refuse to move it. */
    public static final class ImageTagTakenException extends RepositoryRefusedException {
        private final String tag;
        private final TagMutability mutability;

        public ImageTagTakenException(String repositoryName, String tag, TagMutability mutability) {
            super(
                    repositoryName,
                    "image tag " + tag + " already exists in " + repositoryName + ", whose tags are immutable ("
                            + mutability + ")");
            this.tag = tag;
            this.mutability = mutability;
        }

        public String tag() {
            return tag;
        }

        public TagMutability mutability() {
            return mutability;
        }
    }
}
