package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorCall;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import io.github.ecrmavenplugin.registry.AuthorizationToken;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.Repository;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The direct reads over the wire, against the emulator with signature checking on: the registry answers what it
 * answers through the SDK's client without that client, and hands every other outcome to it.
 */
class DirectReadsTest {

    private static final String SECRET = "unit-test-secret-key-0000000000000000000";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\","
            + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},"
            + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}";
    private static final String LIFECYCLE = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":"
            + "\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},"
            + "\"action\":{\"type\":\"expire\"}}]}";

    private static EcrEmulator emulator;
    private static SdkRegistry sdkRegistry;

    private final AtomicInteger sdkAsked = new AtomicInteger();
    private final List<String> debug = new ArrayList<>();

    @BeforeAll
    static void start() {
        emulator = EcrEmulator.builder()
                .registryHost("127.0.0.1:5000")
                .authorizationPassword("s3cr3t-pw")
                .credentials(TestConnections.ACCESS_KEY_ID, SECRET)
                .build()
                .start();
        sdkRegistry = new SdkRegistry(EcrClients.client(TestConnections.to(emulator)), null);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        TestConnections.to(emulator);
        emulator.reset();
    }

    private SdkRegistry direct(String secret, String registryId) {
        return direct(secret, registryId, () -> EcrClients.client(TestConnections.to(emulator)));
    }

    /**
     * The registry with direct reads signed with this secret; {@code sdk} is the SDK's client for the same
     * settings. {@code sdkAsked} counts the calls made through that client.
     */
    private SdkRegistry direct(String secret, String registryId, Supplier<EcrClient> sdk) {
        DirectRoute route = new DirectRoute(emulator.endpoint(), "us-east-1", Optional.empty(), Duration.ofSeconds(5));
        DirectReads reads = new DirectReads(
                new EcrJsonApi(
                        route,
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(TestConnections.ACCESS_KEY_ID, secret))),
                debug::add);
        return new SdkRegistry(
                () -> {
                    sdkAsked.incrementAndGet();
                    return sdk.get();
                },
                registryId,
                Optional.of(reads));
    }

    private SdkRegistry direct() {
        return direct(SECRET, null);
    }

    private List<String> userAgents() {
        return emulator.calls().stream().map(EmulatorCall::userAgent).toList();
    }

    @Test
    void readsWhatTheSdkReadsWithoutIt() {
        emulator.seedRepository(new RepositorySeed("team/app")
                .imageTagMutability("IMMUTABLE")
                .scanOnPush(true)
                .encryption("KMS", "arn:aws:kms:us-east-1:123456789012:key/k1")
                .policyText(POLICY)
                .lifecyclePolicyText(LIFECYCLE)
                .tag("team", "payments")
                .tag("cost-centre", "42")
                .imageTags("1.0.0"));
        emulator.seedRepository("team/bare");
        SdkRegistry direct = direct();
        List<String> names = List.of("team/app", "team/bare");

        Map<String, Repository> repositories = direct.describe(names);
        String arn = repositories.get("team/app").arn();
        List<Object> directAnswers = List.of(
                repositories,
                direct.repositoryPolicy("team/app"),
                direct.lifecyclePolicy("team/app"),
                direct.tags(arn),
                direct.imageTagExists("team/app", "1.0.0"),
                direct.imageTagExists("team/app", "2.0.0"),
                direct.repositoryPolicy("team/bare"),
                direct.lifecyclePolicy("team/bare"),
                direct.tags(repositories.get("team/bare").arn()));
        AuthorizationToken token = direct.authorizationToken();

        assertEquals(0, sdkAsked.get(), "the SDK's registry was not needed: " + debug);
        // The only errors are the "not found" answers asked for: every signature was accepted.
        assertEquals(
                Set.of(
                        "OK",
                        "RepositoryPolicyNotFoundException",
                        "LifecyclePolicyNotFoundException",
                        "ImageNotFoundException"),
                emulator.calls().stream()
                        .map(call -> call.succeeded() ? "OK" : call.errorType())
                        .collect(Collectors.toSet()));
        assertEquals(
                List.of(DirectHttp.USER_AGENT), userAgents().stream().distinct().toList());

        List<Object> sdkAnswers = List.of(
                sdkRegistry.describe(names),
                sdkRegistry.repositoryPolicy("team/app"),
                sdkRegistry.lifecyclePolicy("team/app"),
                sdkRegistry.tags(arn),
                sdkRegistry.imageTagExists("team/app", "1.0.0"),
                sdkRegistry.imageTagExists("team/app", "2.0.0"),
                sdkRegistry.repositoryPolicy("team/bare"),
                sdkRegistry.lifecyclePolicy("team/bare"),
                sdkRegistry.tags(repositories.get("team/bare").arn()));
        assertEquals(sdkAnswers, directAnswers);
        assertTrue(
                directAnswers.get(0).toString().contains("IMMUTABLE"),
                directAnswers.get(0).toString());
        AuthorizationToken sdkToken = sdkRegistry.authorizationToken();
        assertEquals(sdkToken.username(), token.username());
        assertEquals("s3cr3t-pw", token.password());
        assertEquals(sdkToken.proxyEndpoint(), token.proxyEndpoint());
        // Each token expires 12 hours after it was issued: the two were issued moments apart.
        assertTrue(
                Duration.between(token.expiresAt(), sdkToken.expiresAt()).abs().toSeconds() < 5,
                token.expiresAt() + " vs " + sdkToken.expiresAt());
    }

    @Test
    void missingRepositoriesAreSortedOutDirectlyAsTheSdkRegistryDoes() {
        emulator.seedRepository("bb");
        SdkRegistry direct = direct();

        Map<String, Repository> found = direct.describe(List.of("aa", "bb", "cc"));

        assertEquals(List.of("bb"), List.copyOf(found.keySet()));
        assertEquals(Optional.empty(), direct.describe("not-there"));
        assertEquals(Optional.empty(), direct.repositoryPolicy("not-there"));
        assertEquals(Optional.empty(), direct.lifecyclePolicy("not-there"));
        assertEquals(0, sdkAsked.get(), String.valueOf(debug));
        assertEquals(sdkRegistry.describe(List.of("aa", "bb", "cc")), found);
    }

    @Test
    void aThrottledReadIsHandedToTheSdkWhichRetriesIt() {
        emulator.seedRepository("busy");
        emulator.faults().throttle("DescribeRepositories", 2);

        assertTrue(direct().describe("busy").isPresent());

        assertEquals(1, sdkAsked.get());
        assertEquals(
                List.of("ThrottlingException", "ThrottlingException", "OK"),
                emulator.calls().stream()
                        .map(call -> call.succeeded() ? "OK" : call.errorType())
                        .toList());
        assertEquals(DirectHttp.USER_AGENT, userAgents().get(0));
        assertTrue(userAgents().get(2).startsWith("aws-sdk-java/"), userAgents().get(2));
        assertEquals(
                List.of(
                        "ECR DescribeRepositories (direct): HTTP 400 ThrottlingException",
                        "ECR DescribeRepositories on the direct route got HTTP 400 ThrottlingException; asking through the "
                                + "AWS SDK"),
                debug.stream().map(line -> line.replaceAll(" in \\d+ ms$", "")).toList());
    }

    @Test
    void aReadFailingForGoodCountsTheDirectAttemptToo() {
        emulator.seedRepository("down");
        emulator.faults().serverError("GetRepositoryPolicy", 10);

        RegistryException e = assertThrows(RegistryException.class, () -> direct().repositoryPolicy("down"));

        // One direct attempt, then the SDK's three (TestConnections: maxAttempts 3).
        assertEquals(4, emulator.calls("GetRepositoryPolicy").size());
        assertEquals(Optional.of(4), e.attempts());
        assertTrue(
                e.getMessage()
                        .startsWith("ECR GetRepositoryPolicy for repository down failed after 4 attempts: "
                                + "ECR failed on its side (ServerException"),
                e.getMessage());
    }

    @Test
    void aDroppedConnectionIsHandedToTheSdk() {
        emulator.seedRepository("dropped");
        emulator.faults().dropConnection("GetRepositoryPolicy", 1);

        assertEquals(Optional.empty(), direct().repositoryPolicy("dropped"));

        assertEquals(1, sdkAsked.get());
        assertEquals(2, emulator.calls("GetRepositoryPolicy").size());
    }

    @Test
    void aRefusedSignatureFailsAsItDoesThroughTheSdk() {
        emulator.seedRepository("team/app");
        ConnectionSettings wrongSecret = wrongSecret();
        RegistryException viaSdk = assertThrows(
                RegistryException.class,
                () -> new SdkRegistry(EcrClients.client(wrongSecret), null).describe("team/app"));
        emulator.clearCalls();

        RegistryException e = assertThrows(
                RegistryException.class,
                () -> direct("not-the-secret", null, () -> EcrClients.client(wrongSecret))
                        .describe("team/app"));

        assertEquals(1, sdkAsked.get());
        assertEquals(
                List.of("ecr-maven-plugin", "aws-sdk-java"),
                userAgents().stream().map(agent -> agent.replaceAll("/.*", "")).toList());
        // The same failure, counting the direct attempt too.
        assertEquals(Optional.of(1), viaSdk.attempts());
        assertEquals(Optional.of(2), e.attempts());
        assertEquals(
                viaSdk.getMessage().replace("failed", "failed after 2 attempts").replaceAll("request ID [^ )]+", ""),
                e.getMessage().replaceAll("request ID [^ )]+", ""));
    }

    /**
     * Settings whose default chain finds the key the emulator knows, with a secret it does not: the system
     * properties keep the wrong secret until the next test resets them.
     */
    private static ConnectionSettings wrongSecret() {
        ConnectionSettings settings = TestConnections.to(emulator);
        System.setProperty("aws.secretAccessKey", "not-the-secret");
        // Another key than the shared client's, so that a client resolving these credentials is built.
        return new ConnectionSettings(
                settings.region(), settings.endpoint(), settings.profile(), 1, settings.timeout());
    }

    @Test
    void anotherRegistryIsNamedInEveryRead() {
        emulator.seedRepository("team/app");
        SdkRegistry direct = direct(SECRET, "123456789012");

        assertTrue(direct.describe("team/app").isPresent());
        assertEquals(Optional.empty(), direct.repositoryPolicy("team/app"));
        assertEquals(0, sdkAsked.get(), String.valueOf(debug));

        RegistryException e = assertThrows(
                RegistryException.class, () -> direct(SECRET, "999999999999").describe("team/app"));
        assertEquals(1, sdkAsked.get());
        assertTrue(e.getMessage().contains("999999999999"), e.getMessage());
    }

    @Test
    void anEndpointThatIsNotEcrIsHandedToTheSdk() {
        DirectRoute route =
                new DirectRoute(URI.create("http://127.0.0.1:1"), "us-east-1", Optional.empty(), Duration.ofSeconds(1));
        RuntimeException fromSdk = new IllegalStateException("asked the SDK");
        SdkRegistry direct = new SdkRegistry(
                () -> {
                    throw fromSdk;
                },
                null,
                Optional.of(new DirectReads(
                        new EcrJsonApi(
                                route, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIA", "secret"))),
                        debug::add)));

        assertEquals(fromSdk, assertThrows(IllegalStateException.class, () -> direct.describe("x")));
        assertTrue(debug.get(0).contains("ConnectException"), String.valueOf(debug));
    }
}
