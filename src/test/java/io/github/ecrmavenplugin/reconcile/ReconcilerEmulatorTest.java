package io.github.ecrmavenplugin.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.aws.SdkRegistry;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import io.github.ecrmavenplugin.emulator.RepositoryState;
import io.github.ecrmavenplugin.emulator.RepositoryState.ExclusionFilter;
import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.model.LifecycleRule;
import io.github.ecrmavenplugin.model.PullPolicy;
import io.github.ecrmavenplugin.model.RepositorySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The reconciler through the real SDK registry against the emulator: what is written, and what is only read. */
class ReconcilerEmulatorTest {

    private static final Set<String> WRITES = Set.of(
            "CreateRepository",
            "SetRepositoryPolicy",
            "PutLifecyclePolicy",
            "PutImageTagMutability",
            "PutImageScanningConfiguration",
            "TagResource",
            "UntagResource");

    @RegisterExtension
    final EmulatorExtension emulatorExtension = EmulatorExtension.perTest(EcrEmulator.builder());

    private final EcrEmulator emulator = emulatorExtension.emulator();
    private final EcrClient client = emulatorExtension.client();
    private final Reconciler reconciler = new Reconciler(new SdkRegistry(client, null), message -> {});

    private static RepositorySpec everySetting(String name) throws Exception {
        return RepositorySpec.builder()
                .name(name)
                .imageTagMutability("IMMUTABLE_WITH_EXCLUSION", List.of("latest", "dev-*"))
                .scanOnPush(true)
                .tags(Map.of("team", "payments", "env", "prod"), false)
                .lifecycleRules(List.of(LifecycleRule.expireUntaggedAfterDays(14), LifecycleRule.keepLast(30)))
                .encryption("KMS", "arn:aws:kms:us-east-1:123456789012:key/k-1")
                .pullPolicy(new PullPolicy(List.of("210987654321"), List.of(), List.of(), List.of()))
                .build();
    }

    private List<String> operations() {
        return emulator.calls().stream().map(EmulatorCall::operation).toList();
    }

    private List<String> writes() {
        return operations().stream().filter(WRITES::contains).toList();
    }

    @Test
    void createsWithEverySettingThenOnlyReads() throws Exception {
        RepositorySpec spec = everySetting("team/api");
        assertEquals(
                "created with its repository policy and lifecycle policy",
                reconciler.ensure(spec).plan().outcome());
        assertEquals(List.of("CreateRepository", "SetRepositoryPolicy", "PutLifecyclePolicy"), writes());

        RepositoryState state = emulator.repository("team/api").orElseThrow();
        assertEquals("IMMUTABLE_WITH_EXCLUSION", state.imageTagMutability());
        assertEquals(
                Set.of(ExclusionFilter.wildcard("latest"), ExclusionFilter.wildcard("dev-*")),
                Set.copyOf(state.exclusionFilters()));
        assertTrue(state.scanOnPush());
        assertEquals("KMS", state.encryptionType());
        assertEquals("arn:aws:kms:us-east-1:123456789012:key/k-1", state.kmsKey());
        assertEquals(Map.of("team", "payments", "env", "prod"), state.tags());
        assertEquals(spec.lifecyclePolicy(), LifecyclePolicy.fromRegistry(state.lifecyclePolicyText()));

        emulator.clearCalls();
        Reconciler.Result again = reconciler.ensure(spec);
        assertEquals("up to date", again.plan().outcome());
        assertTrue(again.plan().inSync());
        assertEquals(List.of(), writes());
        assertEquals(
                Set.of("DescribeRepositories", "GetRepositoryPolicy", "GetLifecyclePolicy", "ListTagsForResource"),
                Set.copyOf(operations()));
        assertEquals(4, operations().size());
    }

    @Test
    void correctsEachDriftAndWritesNothingElse() throws Exception {
        reconciler.ensure(everySetting("team/api"));
        // drift on mutability and tags only; scanning, policies and encryption stay as declared
        emulator.seedRepository(new RepositorySeed("team/api")
                .imageTagMutability("MUTABLE")
                .scanOnPush(true)
                .encryption("KMS", "arn:aws:kms:us-east-1:123456789012:key/k-1")
                .policyText(emulator.repository("team/api").orElseThrow().policyText())
                .lifecyclePolicyText(
                        emulator.repository("team/api").orElseThrow().lifecyclePolicyText())
                .tag("team", "search")
                .tag("owner", "someone"));
        emulator.clearCalls();

        Plan plan = reconciler.ensure(everySetting("team/api")).plan();
        assertEquals(List.of("PutImageTagMutability", "TagResource"), writes());
        assertEquals(2, plan.changes().size());
        RepositoryState state = emulator.repository("team/api").orElseThrow();
        assertEquals("IMMUTABLE_WITH_EXCLUSION", state.imageTagMutability());
        // a tag the POM does not declare is kept
        assertEquals(Map.of("team", "payments", "env", "prod", "owner", "someone"), state.tags());
    }

    @Test
    void encryptionMismatchIsReportedNotWritten() throws Exception {
        emulator.seedRepository(new RepositorySeed("team/api"));
        RepositorySpec spec = RepositorySpec.builder()
                .name("team/api")
                .encryption("KMS", null)
                .build();
        Plan plan = reconciler.ensure(spec).plan();
        assertEquals(List.of(), writes());
        assertEquals(1, plan.mismatches().size());
        assertEquals("AES256", emulator.repository("team/api").orElseThrow().encryptionType());
    }

    @Test
    void severalRepositoriesAreDescribedInOneCall() throws Exception {
        emulator.seedRepository(new RepositorySeed("team/api"));
        emulator.seedRepository(new RepositorySeed("team/worker"));
        List<RepositorySpec> specs = List.of(
                RepositorySpec.builder().name("team/api").build(),
                RepositorySpec.builder().name("team/worker").scanOnPush(true).build());
        reconciler.ensure(specs, Reconciler.Options.DEFAULT);
        assertEquals(List.of("DescribeRepositories", "PutImageScanningConfiguration"), operations());

        emulator.clearCalls();
        List<Plan> plans = reconciler.plan(specs, Reconciler.Options.DEFAULT);
        assertTrue(plans.stream().allMatch(Plan::inSync));
        assertEquals(List.of("DescribeRepositories"), operations());
    }

    @Test
    void aMissingRepositoryInTheBatchCostsOneMoreDescribe() throws Exception {
        emulator.seedRepository(new RepositorySeed("team/api"));
        List<RepositorySpec> specs = List.of(
                RepositorySpec.builder().name("team/api").build(),
                RepositorySpec.builder().name("team/new").build());
        List<Plan> plans = reconciler.plan(specs, Reconciler.Options.DEFAULT);
        assertTrue(plans.get(0).inSync());
        assertTrue(plans.get(1).creates());
        // the second describe without the missing name; then, for the repository to create, the registry's rules
        assertEquals(
                List.of("DescribeRepositories", "DescribeRepositories"),
                operations().stream().filter("DescribeRepositories"::equals).toList());
        assertEquals(
                Set.of("DescribeRepositories", "DescribeRepositoryCreationTemplates", "DescribePullThroughCacheRules"),
                Set.copyOf(operations()));
        assertEquals(4, operations().size());
        assertEquals(
                1,
                emulator.calls().stream()
                        .filter(call -> call.operation().equals("DescribeRepositories"))
                        .filter(EmulatorCall::succeeded)
                        .count());
    }

    @Test
    void createIfMissingFalseFailsWithoutWriting() {
        var e = assertThrows(
                Reconciler.RepositoryMissingException.class,
                () -> reconciler.ensure(
                        List.of(RepositorySpec.builder().name("team/api").build()),
                        new Reconciler.Options(false, Optional.empty())));
        assertEquals("team/api", e.repositoryName());
        assertEquals(List.of(), writes());
    }

    @Test
    void immutableTagGuardFailsBeforeAnyWrite() throws Exception {
        emulator.seedRepository(
                new RepositorySeed("team/api").imageTagMutability("IMMUTABLE").imageTags("1.0"));
        RepositorySpec spec =
                RepositorySpec.builder().name("team/api").scanOnPush(true).build();
        Reconciler.Options pushing =
                new Reconciler.Options(true, Optional.of(new Reconciler.PushTarget("team/api", "1.0")));
        var e = assertThrows(Reconciler.ImageTagTakenException.class, () -> reconciler.ensure(List.of(spec), pushing));
        assertEquals("1.0", e.tag());
        assertEquals("team/api", e.repositoryName());
        assertEquals(
                io.github.ecrmavenplugin.model.TagMutability.Mode.IMMUTABLE,
                e.mutability().mode());
        assertEquals(List.of(), writes());
        assertTrue(operations().contains("DescribeImages"));

        // a new tag passes; so does the same tag where it is excluded from immutability
        reconciler.ensure(
                List.of(spec), new Reconciler.Options(true, Optional.of(new Reconciler.PushTarget("team/api", "2.0"))));
        emulator.clearCalls();
        RepositorySpec excluded = RepositorySpec.builder()
                .name("team/api")
                .imageTagMutability("IMMUTABLE_WITH_EXCLUSION", List.of("1.*"))
                .build();
        reconciler.ensure(List.of(excluded), pushing);
        assertTrue(!operations().contains("DescribeImages"), operations()::toString);
    }

    /** Jib's additional tags ({@code <to><tags>}) are pushed too: ECR refuses to move any of them. */
    @Test
    void immutableTagGuardCoversJibsAdditionalTags() throws Exception {
        emulator.seedRepository(
                new RepositorySeed("team/api").imageTagMutability("IMMUTABLE").imageTags("1.0", "stable"));
        RepositorySpec spec = RepositorySpec.builder().name("team/api").build();
        var e = assertThrows(
                Reconciler.ImageTagTakenException.class,
                () -> reconciler.ensure(
                        List.of(spec),
                        new Reconciler.Options(
                                true,
                                Optional.of(new Reconciler.PushTarget("team/api", "2.0", List.of("2", "stable"))))));
        assertEquals("stable", e.tag());
        assertEquals(List.of(), writes());

        // excluded from immutability, the additional tag may move
        RepositorySpec excluded = RepositorySpec.builder()
                .name("team/api")
                .imageTagMutability("IMMUTABLE_WITH_EXCLUSION", List.of("stable"))
                .build();
        emulator.seedRepository(new RepositorySeed("team/api")
                .imageTagMutability(
                        "IMMUTABLE_WITH_EXCLUSION",
                        new io.github.ecrmavenplugin.emulator.RepositoryState.ExclusionFilter("WILDCARD", "stable"))
                .imageTags("1.0", "stable"));
        reconciler.ensure(
                List.of(excluded),
                new Reconciler.Options(
                        true, Optional.of(new Reconciler.PushTarget("team/api", "2.0", List.of("stable")))));
    }

    @Test
    void mutableRepositoryIsNotAskedForImages() throws Exception {
        emulator.seedRepository(new RepositorySeed("team/api").imageTags("1.0"));
        reconciler.ensure(
                List.of(RepositorySpec.builder().name("team/api").build()),
                new Reconciler.Options(true, Optional.of(new Reconciler.PushTarget("team/api", "1.0"))));
        assertEquals(List.of("DescribeRepositories"), operations());
    }

    @Test
    void theImmutableTagGuardLooksOnlyAtTheRepositoryJibPushesTo() throws Exception {
        // team/api holds 1.0 under immutable tags, but Jib pushes 1.0 to team/worker
        emulator.seedRepository(
                new RepositorySeed("team/api").imageTagMutability("IMMUTABLE").imageTags("1.0"));
        emulator.seedRepository(new RepositorySeed("team/worker").imageTagMutability("IMMUTABLE"));
        List<RepositorySpec> specs = List.of(
                RepositorySpec.builder().name("team/worker").build(),
                RepositorySpec.builder().name("team/api").build());

        List<Reconciler.Result> results = reconciler.ensure(
                specs, new Reconciler.Options(true, Optional.of(new Reconciler.PushTarget("team/worker", "1.0"))));

        assertEquals(2, results.size());
        assertEquals(1, emulator.calls("DescribeImages").size(), operations()::toString);
        assertEquals("team/worker", emulator.calls("DescribeImages").get(0).repositoryName());
    }

    @Test
    void purgeTagsRemovesOnlyTheUndeclaredTags() throws Exception {
        emulator.seedRepository(new RepositorySeed("team/api")
                .tag("team", "search")
                .tag("owner", "someone")
                .tag("cost-center", "42"));
        RepositorySpec spec = RepositorySpec.builder()
                .name("team/api")
                .tags(Map.of("team", "payments", "cost-center", "42"), true)
                .build();

        Plan plan = reconciler.ensure(spec).plan();

        assertEquals(List.of("TagResource", "UntagResource"), writes());
        assertEquals(
                Map.of("team", "payments", "cost-center", "42"),
                emulator.repository("team/api").orElseThrow().tags());
        assertEquals(
                List.of(
                        new Change.TagRepository("team/api", Map.of("team", "payments"), Map.of("team", "search")),
                        new Change.UntagRepository("team/api", new java.util.TreeSet<>(Set.of("owner")))),
                plan.changes());
        emulator.clearCalls();
        assertEquals("up to date", reconciler.ensure(spec).plan().outcome());
        assertEquals(List.of(), writes());
    }
}
