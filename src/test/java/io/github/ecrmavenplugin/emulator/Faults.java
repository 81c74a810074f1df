package io.github.ecrmavenplugin.emulator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures to inject into ECR calls, so that tests can see how a client copes with AWS misbehaving.
 *
 * <p>Counted faults ({@link #throttle}, {@link #serverError}, {@link #dropConnection}) hit the next {@code times}
 * calls of the operation and are then used up; the operation {@value #ANY_OPERATION} matches every operation.
 * {@link #accessDenied} and {@link #latency} stay until {@link #reset()}. All methods are thread-safe and return
 * {@code this} for chaining.
 */
public final class Faults {

    /** Operation name that matches every operation in the counted faults and {@link #accessDenied}. */
    public static final String ANY_OPERATION = "*";

    private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> serverErrors = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> drops = new ConcurrentHashMap<>();
    private final AtomicInteger idpCommunicationErrors = new AtomicInteger();
    private final Set<String> deniedOperations = ConcurrentHashMap.newKeySet();
    private final Set<String> concurrentCreators = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> latencySpikes = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.CountDownLatch> rendezvous = new ConcurrentHashMap<>();
    private volatile boolean expiredCredentials;
    private volatile Duration latency = Duration.ZERO;
    private volatile Optional<Optional<String>> malformedToken = Optional.empty();
    private volatile Duration latencySpike = Duration.ofSeconds(2);
    private volatile Duration rendezvousTimeout = Duration.ofSeconds(20);

    Faults() {}

    private volatile Duration clockAhead = Duration.ZERO;

    /**
     * Makes the emulator's clock run {@code offset} ahead of this machine's (behind, if negative): the time it
     * checks request signatures against, as AWS refuses a signature more than 5 minutes off its own time. Its
     * answers' {@code Date} header says the same time where the emulator was built with
     * {@link EcrEmulator.Builder#clockAhead}, so that a client can correct its clock from it, as the SDK does.
     */
    public Faults clockAhead(Duration offset) {
        clockAhead = offset;
        return this;
    }

    /** The emulator's time now: this machine's, moved by {@link #clockAhead}. */
    public java.time.Instant now() {
        return java.time.Instant.now().plus(clockAhead);
    }

    /** The next {@code times} calls of {@code operation} answer {@code ThrottlingException} (HTTP 400). */
    public Faults throttle(String operation, int times) {
        add(throttles, operation, times);
        return this;
    }

    /** The next {@code times} calls of {@code operation} answer {@code ServerException} (HTTP 500). */
    public Faults serverError(String operation, int times) {
        add(serverErrors, operation, times);
        return this;
    }

    /**
     * The next {@code times} calls of STS's {@code AssumeRoleWithWebIdentity} answer {@code IDPCommunicationError}
     * (HTTP 400), as STS does when the token's issuer could not be reached: a transient error, to be retried.
     */
    public Faults idpCommunicationError(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative: " + times);
        }
        idpCommunicationErrors.addAndGet(times);
        return this;
    }

    /** The next {@code times} calls of {@code operation} get their connection closed without any answer. */
    public Faults dropConnection(String operation, int times) {
        add(drops, operation, times);
        return this;
    }

    /** Every ECR call waits this long before it is handled. */
    public Faults latency(Duration perCall) {
        if (perCall.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + perCall);
        }
        latency = perCall;
        return this;
    }

    /**
     * The next {@code times} calls of {@code operation} wait {@code spike} before they are handled (then succeed):
     * a latency spike that a client with a per-attempt timeout abandons and retries.
     */
    public Faults latencySpike(String operation, int times, Duration spike) {
        if (spike.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + spike);
        }
        latencySpike = spike;
        add(latencySpikes, operation, times);
        return this;
    }

    /**
     * The next {@code parties} DescribeRepositories calls for {@code repositoryName} wait for each other (at most
     * {@code timeout}), so that many builds see the repository missing at the same moment and race to create it:
     * a race made certain instead of left to timing.
     */
    public Faults rendezvous(String repositoryName, int parties, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be positive: " + parties);
        }
        rendezvousTimeout = timeout;
        rendezvous.put(repositoryName, new java.util.concurrent.CountDownLatch(parties));
        return this;
    }

    /** Every call of {@code operation} answers {@code AccessDeniedException} until {@link #reset()}. */
    public Faults accessDenied(String operation) {
        deniedOperations.add(operation);
        return this;
    }

    /**
     * Every call answers {@code ExpiredTokenException} (HTTP 403), as AWS answers a request signed with temporary
     * credentials past their expiry, until {@link #reset()}.
     */
    public Faults expiredCredentials() {
        expiredCredentials = true;
        return this;
    }

    /**
     * The next CreateRepository for {@code repositoryName} finds that someone else created the repository (with
     * default settings) a moment earlier, and so answers {@code RepositoryAlreadyExistsException}.
     */
    public Faults concurrentCreator(String repositoryName) {
        concurrentCreators.add(repositoryName);
        return this;
    }

    /**
     * GetAuthorizationToken answers with {@code authorizationToken} as its token text instead of base64
     * {@code AWS:<password>}, or with no authorization data at all when it is {@code null}, until {@link #reset()}:
     * an answer no real ECR gives, to see the client report it plainly.
     */
    public Faults malformedAuthorizationToken(String authorizationToken) {
        malformedToken = Optional.of(Optional.ofNullable(authorizationToken));
        return this;
    }

    /** The malformed token to answer, if one is set: empty inside for no authorization data. */
    Optional<Optional<String>> malformedToken() {
        return malformedToken;
    }

    public Faults reset() {
        malformedToken = Optional.empty();
        throttles.clear();
        serverErrors.clear();
        drops.clear();
        idpCommunicationErrors.set(0);
        deniedOperations.clear();
        concurrentCreators.clear();
        latencySpikes.clear();
        rendezvous.values().forEach(latch -> {
            while (latch.getCount() > 0) {
                latch.countDown();
            }
        });
        rendezvous.clear();
        latency = Duration.ZERO;
        expiredCredentials = false;
        return this;
    }

    /** The extra wait for this call of {@code operation}: a spike, if one is due, else zero. */
    Duration takeLatencySpike(String operation) {
        return take(latencySpikes, operation) ? latencySpike : Duration.ZERO;
    }

    /** Waits at the rendezvous for {@code repositoryName}, if one is set up; a late arrival passes at once. */
    boolean hasRendezvous(String repositoryName) {
        return repositoryName != null && rendezvous.containsKey(repositoryName);
    }

    void awaitRendezvous(String repositoryName) {
        java.util.concurrent.CountDownLatch latch = repositoryName == null ? null : rendezvous.get(repositoryName);
        if (latch == null) {
            return;
        }
        latch.countDown();
        try {
            latch.await(rendezvousTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Duration latency() {
        return latency;
    }

    boolean takeThrottle(String operation) {
        return take(throttles, operation);
    }

    boolean takeServerError(String operation) {
        return take(serverErrors, operation);
    }

    boolean takeDrop(String operation) {
        return take(drops, operation);
    }

    boolean takeIdpCommunicationError() {
        return idpCommunicationErrors.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    boolean credentialsExpired() {
        return expiredCredentials;
    }

    boolean denies(String operation) {
        return deniedOperations.contains(operation) || deniedOperations.contains(ANY_OPERATION);
    }

    boolean takeConcurrentCreator(String repositoryName) {
        return concurrentCreators.remove(repositoryName);
    }

    private static void add(Map<String, AtomicInteger> faults, String operation, int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative: " + times);
        }
        faults.computeIfAbsent(operation, key -> new AtomicInteger()).addAndGet(times);
    }

    /** Uses up one fault for the operation, preferring an operation-specific one over a wildcard one. */
    private static boolean take(Map<String, AtomicInteger> faults, String operation) {
        return takeOne(faults.get(operation)) || takeOne(faults.get(ANY_OPERATION));
    }

    private static boolean takeOne(AtomicInteger remaining) {
        return remaining != null && remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
