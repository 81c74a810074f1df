package io.github.ecrmavenplugin.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.aws.ConnectionSettings;
import io.github.ecrmavenplugin.aws.EcrClients;
import io.github.ecrmavenplugin.aws.SdkRegistry;
import io.github.ecrmavenplugin.aws.TestConnections;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.json.Json;
import io.github.ecrmavenplugin.model.PullPolicy;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.registry.RegistryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reconciler over the real SDK registry and the emulator, when ECR misbehaves: half-done work is finished by
 * the next run, and racing creators end with one repository, created once, with its settings.
 */
class ReconcilerFaultTest {

    @RegisterExtension
    final EmulatorExtension emulatorExtension =
            TestConnections.emulatorPerTest("AKIARECONCILEFAULT01", "reconcile-fault-secret-0123456789abcdefgh");

    private final EcrEmulator emulator = emulatorExtension.emulator();
    private SdkRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new SdkRegistry(
                EcrClients.client(ConnectionSettings.of(
                        emulator.region(), emulator.endpoint().toString(), null, 3, "10")),
                null);
    }

    private static RepositorySpec spec(String name) throws Exception {
        return RepositorySpec.builder()
                .name(name)
                .pullPolicy(new PullPolicy(List.of("210987654321"), List.of(), List.of(), List.of()))
                .build();
    }

    /** The policy {@link #spec} declares, written out by hand rather than rendered by the code under test. */
    private static final Object DECLARED_POLICY = Json.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{"
                    + "\"Sid\":\"AllowPull\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},"
                    + "\"Action\":[\"ecr:BatchCheckLayerAvailability\",\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}");

    private void assertDeclaredPolicy(String repository) {
        String policy = emulator.repository(repository).orElseThrow().policyText();
        assertNotNull(policy, repository + " has no policy");
        assertEquals(DECLARED_POLICY, Json.parse(policy), repository + ": " + policy);
    }

    private List<String> successful(String operation, String repository) {
        return emulator.calls(operation).stream()
                .filter(call -> repository.equals(call.repositoryName()) && call.succeeded())
                .map(EmulatorCall::operation)
                .toList();
    }

    @Test
    void aRepositoryCreatedWhosePolicyFailedGetsItsPolicyNextTime() throws Exception {
        emulator.faults().serverError("SetRepositoryPolicy", 3); // all three attempts
        Reconciler reconciler = new Reconciler(registry, message -> {});

        RegistryException e = assertThrows(RegistryException.class, () -> reconciler.ensure(spec("half-done")));
        assertEquals("SetRepositoryPolicy", e.operation());
        assertTrue(emulator.repository("half-done").isPresent(), "created");
        assertNull(emulator.repository("half-done").orElseThrow().policyText(), "but without its policy");

        emulator.clearCalls();
        Reconciler.Result next = reconciler.ensure(spec("half-done"));

        assertEquals("updated (set repository policy)", next.plan().outcome());
        assertEquals(List.of(), emulator.calls("CreateRepository"), "not created again");
        assertEquals(1, emulator.calls("SetRepositoryPolicy").size());
        assertDeclaredPolicy("half-done");
        assertEquals("up to date", reconciler.ensure(spec("half-done")).plan().outcome());
    }

    @Test
    void aRepositoryCreatedByAnotherBuildMeanwhileIsReconciledNotRecreated() throws Exception {
        emulator.faults().concurrentCreator("contended");

        Reconciler.Result result = new Reconciler(registry, message -> {}).ensure(spec("contended"));

        assertEquals("updated (set repository policy)", result.plan().outcome());
        assertEquals(List.of(), successful("CreateRepository", "contended"));
        assertEquals(1, emulator.calls("CreateRepository").size(), "one attempt, answered AlreadyExists");
        assertDeclaredPolicy("contended");
    }

    @Test
    void eightConcurrentEnsuresCreateOnceAndAllSucceed() throws Exception {
        int builds = 8;
        // A first call loads the SDK's request path: on a loaded machine a cold first call can take longer than
        // the rendezvous waits, which lets the early builds through alone.
        registry.describe("warm");
        // All eight see the repository missing at the same moment, so all eight try to create it.
        emulator.faults().rendezvous("raced", builds, Duration.ofSeconds(10));
        ExecutorService pool = Executors.newFixedThreadPool(builds);
        try {
            List<Callable<Reconciler.Result>> tasks = new ArrayList<>();
            for (int i = 0; i < builds; i++) {
                tasks.add(() -> new Reconciler(registry, message -> {}).ensure(spec("raced")));
            }
            List<Future<Reconciler.Result>> results = pool.invokeAll(tasks);
            for (Future<Reconciler.Result> result : results) {
                assertEquals("raced", result.get().repository().name());
            }
        } finally {
            pool.shutdownNow();
        }

        // Normally all eight try; a describe the SDK had to retry (a stale pooled connection on a loaded machine)
        // passes the rendezvous late and may find the repository already there. Several must have tried, or the
        // test proves nothing about races.
        int tried = emulator.calls("CreateRepository").size();
        assertTrue(tried >= builds / 2 && tried <= builds, "builds that tried to create: " + tried);
        assertEquals(1, successful("CreateRepository", "raced").size(), "exactly one created it");
        assertDeclaredPolicy("raced");
    }

    @Test
    void transientFaultsOnEveryStepStillEndInTheDeclaredState() throws Exception {
        emulator.faults()
                .dropConnection("DescribeRepositories", 1)
                .throttle("GetRepositoryPolicy", 1)
                .throttle("CreateRepository", 2)
                .serverError("SetRepositoryPolicy", 2);

        Reconciler.Result result = new Reconciler(registry, message -> {}).ensure(spec("bumpy"));

        assertEquals("created with its repository policy", result.plan().outcome());
        assertEquals(2, emulator.calls("DescribeRepositories").size());
        assertEquals(2, emulator.calls("GetRepositoryPolicy").size());
        assertEquals(3, emulator.calls("CreateRepository").size());
        assertEquals(3, emulator.calls("SetRepositoryPolicy").size());
        assertDeclaredPolicy("bumpy");
    }
}
