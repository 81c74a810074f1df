package io.github.ecrmavenplugin.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ServerException;

/** Injected faults, seen through the real SDK and its retry logic. */
class EcrEmulatorFaultsTest {

    @RegisterExtension
    final EmulatorExtension emulatorExtension = EmulatorExtension.perTest(EcrEmulator.builder());

    private final EcrEmulator emulator = emulatorExtension.emulator();

    private List<Object> outcomes(String operation) {
        return emulator.calls(operation).stream()
                .map(call -> call.errorType() == null ? (Object) call.httpStatus() : call.errorType())
                .toList();
    }

    @Test
    void throttledThreeTimesTheSdkSucceedsOnTheFourthAttempt() {
        emulator.faults().throttle("CreateRepository", 3);
        try (EcrClient ecr = EmulatorClients.retrying(emulator, 4)) {
            ecr.createRepository(r -> r.repositoryName("app"));
        }
        assertEquals(
                List.of("ThrottlingException", "ThrottlingException", "ThrottlingException", 200),
                outcomes("CreateRepository"));
        assertEquals(400, emulator.calls().get(0).httpStatus());
        assertTrue(emulator.repository("app").isPresent());
    }

    @Test
    void throttlingIsWhatTheSdkRetriesNotAnyClientError() {
        try (EcrClient ecr = EmulatorClients.retrying(emulator, 4)) {
            // Another 400 is not retried: the retries above happen because the SDK reads the error as throttling.
            assertThrows(InvalidParameterException.class, () -> ecr.createRepository(r -> r.repositoryName("BAD")));
            assertEquals(1, emulator.calls().size());

            emulator.faults().throttle("DescribeRepositories", 10);
            EcrException e = assertThrows(EcrException.class, () -> ecr.describeRepositories(r -> {}));
            assertTrue(e.isThrottlingException(), "the SDK classifies the error as throttling");
            assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
            assertEquals(4, emulator.calls("DescribeRepositories").size());
        }
    }

    @Test
    void serverErrorsAreModeledAndRetried() {
        emulator.faults().serverError("DescribeRepositories", 1);
        try (EcrClient once = EmulatorClients.noRetries(emulator)) {
            ServerException e = assertThrows(ServerException.class, () -> once.describeRepositories(r -> {}));
            assertEquals(500, e.statusCode());
        }
        emulator.faults().serverError("DescribeRepositories", 2);
        try (EcrClient ecr = EmulatorClients.retrying(emulator, 3)) {
            ecr.describeRepositories(r -> {});
        }
        assertEquals(
                List.of("ServerException", "ServerException", "ServerException", 200),
                outcomes("DescribeRepositories"));
        assertEquals(500, emulator.calls().get(0).httpStatus());
    }

    @Test
    void droppedConnectionIsAnIoErrorForTheClientAndRetried() {
        emulator.faults().dropConnection("GetAuthorizationToken", 1);
        try (EcrClient once = EmulatorClients.noRetries(emulator)) {
            SdkClientException e = assertThrows(SdkClientException.class, () -> once.getAuthorizationToken(r -> {}));
            assertInstanceOf(IOException.class, e.getCause(), "cause: " + e.getCause());
        }
        EmulatorCall dropped = emulator.calls().get(0);
        assertEquals(EmulatorCall.CONNECTION_DROPPED, dropped.httpStatus());
        assertEquals(EmulatorCall.DROPPED_ERROR_TYPE, dropped.errorType());

        emulator.clearCalls();
        emulator.faults().dropConnection("GetAuthorizationToken", 2);
        try (EcrClient ecr = EmulatorClients.retrying(emulator, 3)) {
            assertFalse(ecr.getAuthorizationToken(r -> {}).authorizationData().isEmpty());
        }
        assertEquals(
                List.of(EmulatorCall.DROPPED_ERROR_TYPE, EmulatorCall.DROPPED_ERROR_TYPE, 200),
                outcomes("GetAuthorizationToken"));
    }

    @Test
    void latencyDelaysEveryCall() {
        emulator.faults().latency(Duration.ofMillis(300));
        try (EcrClient ecr = EmulatorClients.noRetries(emulator)) {
            long start = System.nanoTime();
            ecr.describeRepositories(r -> {});
            assertThrows(EcrException.class, () -> ecr.getRepositoryPolicy(r -> r.repositoryName("none")));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(600));
        }
        for (EmulatorCall call : emulator.calls()) {
            assertTrue(call.endNanos() - call.startNanos() >= TimeUnit.MILLISECONDS.toNanos(300), call.toString());
        }
        emulator.faults().reset();
        emulator.clearCalls();
        try (EcrClient ecr = EmulatorClients.noRetries(emulator)) {
            ecr.describeRepositories(r -> {});
        }
        // Measured inside the emulator, so a slow client start on a busy machine cannot blur it.
        EmulatorCall fast = emulator.calls().get(0);
        assertTrue(fast.endNanos() - fast.startNanos() < TimeUnit.MILLISECONDS.toNanos(300), "reset removes latency");
    }

    @Test
    @DeletesOnPurpose("deletes the repository to show the fault is used up")
    void concurrentCreatorMakesTheNextCreateFindTheRepository() {
        emulator.faults().concurrentCreator("race");
        try (EcrClient ecr = EmulatorClients.noRetries(emulator)) {
            ecr.createRepository(r -> r.repositoryName("other")); // another name is untouched
            RepositoryAlreadyExistsException e = assertThrows(
                    RepositoryAlreadyExistsException.class,
                    () -> ecr.createRepository(r -> r.repositoryName("race").imageTagMutability("IMMUTABLE")));
            assertTrue(e.getMessage().contains("'race' already exists"), e.getMessage());
            RepositoryState state = emulator.repository("race").orElseThrow();
            assertEquals("MUTABLE", state.imageTagMutability(), "the other creator's defaults, not this request's");

            // The fault is used up: once the repository is gone, creating it works again.
            ecr.deleteRepository(r -> r.repositoryName("race"));
            ecr.createRepository(r -> r.repositoryName("race"));
        }
        assertEquals(List.of(200, "RepositoryAlreadyExistsException", 200), outcomes("CreateRepository"));
    }

    @Test
    void accessDeniedUsesAwsMessageShapeAndStaysUntilReset() {
        emulator.faults().accessDenied("SetRepositoryPolicy");
        try (EcrClient ecr = EmulatorClients.noRetries(emulator)) {
            ecr.createRepository(r -> r.repositoryName("app"));
            for (int i = 0; i < 2; i++) {
                EcrException e = assertThrows(
                        EcrException.class,
                        () -> ecr.setRepositoryPolicy(
                                r -> r.repositoryName("app").policyText(EcrEmulatorPolicyTest.POLICY)));
                assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
                assertEquals(
                        "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: "
                                + "ecr:SetRepositoryPolicy on resource: arn:aws:ecr:us-east-1:123456789012:repository/app "
                                + "because no identity-based policy allows the ecr:SetRepositoryPolicy action",
                        e.awsErrorDetails().errorMessage());
                assertFalse(e.isThrottlingException());
            }
            emulator.faults().reset();
            ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(EcrEmulatorPolicyTest.POLICY));
        }
        assertEquals(List.of("AccessDeniedException", "AccessDeniedException", 200), outcomes("SetRepositoryPolicy"));
    }

    @Test
    void wildcardFaultHitsAnyOperation() {
        emulator.faults().serverError(Faults.ANY_OPERATION, 2);
        try (EcrClient ecr = EmulatorClients.noRetries(emulator)) {
            assertThrows(ServerException.class, () -> ecr.describeRepositories(r -> {}));
            assertThrows(ServerException.class, () -> ecr.getAuthorizationToken(r -> {}));
            ecr.describeRepositories(r -> {});
        }
    }

    @Test
    void parallelCreatorsGetExactlyOneSuccess() throws Exception {
        int threads = 8;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    try (EcrClient ecr = EmulatorClients.noRetries(emulator)) {
                        barrier.await(10, TimeUnit.SECONDS);
                        ecr.createRepository(r -> r.repositoryName("contended"));
                        return "created";
                    } catch (RepositoryAlreadyExistsException e) {
                        return "exists";
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, outcomes.stream().filter("created"::equals).count(), outcomes.toString());
            assertEquals(threads - 1, outcomes.stream().filter("exists"::equals).count(), outcomes.toString());
            assertEquals(threads, emulator.calls("CreateRepository").size());
        } finally {
            pool.shutdownNow();
        }
    }
}
