package io.github.ecrmavenplugin.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.aws.EcrClients;
import io.github.ecrmavenplugin.aws.SdkRegistry;
import io.github.ecrmavenplugin.aws.TestConnections;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.model.PolicyDocument;
import io.github.ecrmavenplugin.model.PullPolicy;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.registry.Registry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Observe → plan → apply with the real SDK implementation, against the ECR emulator. */
class ReconcilerTest {

    @RegisterExtension
    static final EmulatorExtension ecr = TestConnections.emulatorPerClass(EcrEmulator.builder());

    private static final EcrEmulator emulator = ecr.emulator();
    private static final List<String> debug = new ArrayList<>();
    // Per test: the shared client is rebuilt after another test closes every client (as a build's end does).
    private final Reconciler reconciler =
            new Reconciler(new SdkRegistry(EcrClients.client(TestConnections.to(emulator)), null), debug::add);

    @BeforeEach
    void reset() {
        debug.clear();
    }

    private static RepositorySpec spec() throws Exception {
        return RepositorySpec.builder()
                .name("team/app")
                .pullPolicy(new PullPolicy(List.of("210987654321"), List.of(), List.of(), List.of()))
                .build();
    }

    private static List<String> operations() {
        return emulator.calls().stream().map(EmulatorCall::operation).toList();
    }

    @Test
    void createsWithPolicyThenIsUpToDateWithReadsOnly() throws Exception {
        Reconciler.Result first = reconciler.ensure(spec());
        assertEquals("created with its repository policy", first.plan().outcome());
        List<String> operations = operations();
        // What a build that must create reads first (the repository, its policy, the registry's creation templates
        // and pull-through cache rules), then the two writes.
        assertEquals(
                List.of(
                        "DescribePullThroughCacheRules",
                        "DescribeRepositories",
                        "DescribeRepositoryCreationTemplates",
                        "GetRepositoryPolicy"),
                operations.subList(0, operations.size() - 2).stream().sorted().toList());
        assertEquals(
                List.of("CreateRepository", "SetRepositoryPolicy"),
                operations.subList(operations.size() - 2, operations.size()));

        emulator.clearCalls();
        Reconciler.Result second = reconciler.ensure(spec());
        assertEquals("up to date", second.plan().outcome());
        assertEquals(first.repository(), second.repository());
        assertEquals(
                List.of("DescribeRepositories", "GetRepositoryPolicy"),
                operations().stream().sorted().toList());
    }

    @Test
    void steadyStateReadsAreOneRoundTripWave() throws Exception {
        reconciler.ensure(spec());
        emulator.faults().latency(Duration.ofMillis(300));
        emulator.clearCalls();
        reconciler.ensure(spec());
        List<EmulatorCall> calls = emulator.calls();
        assertEquals(2, calls.size());
        // Both reads were in flight at the same time: each started before the other ended.
        assertTrue(
                calls.get(0).startNanos() < calls.get(1).endNanos()
                        && calls.get(1).startNanos() < calls.get(0).endNanos(),
                calls::toString);
    }

    @Test
    void repositoryCreatedConcurrentlyBySomeoneElseIsReconciled() throws Exception {
        emulator.faults().concurrentCreator("team/app");
        Reconciler.Result result = reconciler.ensure(spec());

        List<EmulatorCall> creates = emulator.calls("CreateRepository");
        assertEquals(1, creates.size());
        assertEquals("RepositoryAlreadyExistsException", creates.get(0).errorType());
        assertEquals("team/app", result.repository().name());
        assertTrue(debug.stream().anyMatch(line -> line.contains("created concurrently")), debug::toString);
        // The other creator set no policy; ours is in place.
        assertEquals(
                spec().policy().orElseThrow(),
                PolicyDocument.fromRegistry(
                                emulator.repository("team/app").orElseThrow().policyText())
                        .orElseThrow());
    }

    @Test
    void mergeThatWouldWriteBackAPublicStatementWritesNothing() throws Exception {
        emulator.seedRepository("team/app");
        emulator.seedPolicy(
                "team/app",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Open\","
                        + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\"}]}");
        RepositorySpec merge = RepositorySpec.builder()
                .name("team/app")
                .policyMode("merge")
                .pullPolicy(new PullPolicy(List.of("210987654321"), List.of(), List.of(), List.of()))
                .build();

        Reconciler.PublicPolicyException e =
                assertThrows(Reconciler.PublicPolicyException.class, () -> reconciler.ensure(merge));

        assertEquals("statement \"Open\"", e.statements().get(0).statement());
        assertEquals(List.of(), emulator.calls("SetRepositoryPolicy"));
    }

    @Test
    void aSecondRepositoryAlreadyExistsIsAnUnexpectedAnswer() throws Exception {
        emulator.seedRepository("team/app");
        Registry real = new SdkRegistry(EcrClients.client(TestConnections.to(emulator)), null);
        // A registry that contradicts itself: it never lists the repository its CreateRepository says exists.
        Registry blind = (Registry) Proxy.newProxyInstance(
                Registry.class.getClassLoader(), new Class<?>[] {Registry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("describe") && args[0] instanceof java.util.Collection<?>) {
                        return Map.of();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                });

        Reconciler.UnexpectedAnswerException e = assertThrows(
                Reconciler.UnexpectedAnswerException.class, () -> new Reconciler(blind, debug::add).ensure(spec()));

        assertTrue(e.getMessage().startsWith("ECR said twice that repository team/app already exists"), e.getMessage());
        assertEquals(2, emulator.calls("CreateRepository").size());
    }
}
