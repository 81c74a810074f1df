package io.github.ecrmavenplugin.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;

/** The wire protocol seen from a raw HTTP client, and the control API under {@code /_emulator/}. */
class EcrEmulatorProtocolTest {

    private static final String FAKE_AUTH = "AWS4-HMAC-SHA256 Credential=AKIDRAW/20250101/eu-west-1/ecr/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0123456789abcdef";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final EmulatorExtension emulatorExtension = EmulatorExtension.perTest(EcrEmulator.builder());

    private final EcrEmulator emulator = emulatorExtension.emulator();

    private HttpResponse<String> ecrCall(String operation, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(emulator.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> control(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(emulator.endpoint().resolve("/_emulator/" + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonNode.parser().parse(response.body());
    }

    @Test
    void missingAuthorizationIsRejected() throws Exception {
        HttpResponse<String> response = ecrCall("CreateRepository", "{\"repositoryName\":\"app\"}", null);
        assertEquals(403, response.statusCode());
        assertEquals(
                "MissingAuthenticationTokenException",
                json(response).field("__type").get().asString());
        assertTrue(response.headers().firstValue("x-amzn-RequestId").isPresent());
        assertTrue(emulator.repositories().isEmpty());
        EmulatorCall call = emulator.calls().get(0);
        assertEquals(403, call.httpStatus());
        assertNull(call.accessKeyId());
    }

    @Test
    void malformedAuthorizationIsRejected() throws Exception {
        HttpResponse<String> response = ecrCall(
                "CreateRepository",
                "{\"repositoryName\":\"app\"}",
                "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x");
        assertEquals(400, response.statusCode());
        assertEquals(
                "IncompleteSignatureException",
                json(response).field("__type").get().asString());
    }

    @Test
    void signedLookingRequestIsServedAndItsCredentialScopeRecorded() throws Exception {
        HttpResponse<String> response = ecrCall("CreateRepository", "{\"repositoryName\":\"app\"}", FAKE_AUTH);
        assertEquals(200, response.statusCode());
        assertEquals(
                "application/x-amz-json-1.1",
                response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode repository = json(response).field("repository").get();
        assertEquals(
                "arn:aws:ecr:eu-west-1:123456789012:repository/app",
                repository.field("repositoryArn").get().asString());
        assertTrue(repository.field("createdAt").get().isNumber(), "timestamps are epoch-second numbers");
        EmulatorCall call = emulator.calls().get(0);
        assertEquals("AKIDRAW", call.accessKeyId());
        assertEquals("eu-west-1", call.region());
        assertEquals(response.headers().firstValue("x-amzn-RequestId").orElseThrow(), call.requestId());
    }

    @Test
    void everyResponseHasAFreshRequestId() throws Exception {
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            String id = ecrCall("DescribeRepositories", "{}", FAKE_AUTH)
                    .headers()
                    .firstValue("x-amzn-RequestId")
                    .orElseThrow();
            UUID.fromString(id);
            ids.add(id);
        }
        ids.add(ecrCall("GetRepositoryPolicy", "{\"repositoryName\":\"none\"}", FAKE_AUTH)
                .headers()
                .firstValue("x-amzn-RequestId")
                .orElseThrow());
        assertEquals(4, ids.size());
    }

    @Test
    void errorsHaveTypeAndMessage() throws Exception {
        HttpResponse<String> response = ecrCall("GetRepositoryPolicy", "{\"repositoryName\":\"none\"}", FAKE_AUTH);
        assertEquals(400, response.statusCode());
        JsonNode body = json(response);
        assertEquals(Set.of("__type", "message"), body.asObject().keySet());
        assertEquals("RepositoryNotFoundException", body.field("__type").get().asString());
    }

    @Test
    void unknownOperationsAndBadBodiesAreRefused() throws Exception {
        HttpResponse<String> unknown = ecrCall("PutRegistryPolicy", "{}", FAKE_AUTH);
        assertEquals(400, unknown.statusCode());
        assertEquals(
                "UnknownOperationException", json(unknown).field("__type").get().asString());

        HttpResponse<String> noTarget = http.send(
                HttpRequest.newBuilder(emulator.endpoint())
                        .header("Authorization", FAKE_AUTH)
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(
                "UnknownOperationException",
                json(noTarget).field("__type").get().asString());

        HttpResponse<String> badJson = ecrCall("CreateRepository", "{not json", FAKE_AUTH);
        assertEquals(
                "SerializationException", json(badJson).field("__type").get().asString());
        HttpResponse<String> wrongType = ecrCall("CreateRepository", "{\"repositoryName\":42}", FAKE_AUTH);
        assertEquals(
                "SerializationException", json(wrongType).field("__type").get().asString());
    }

    @Test
    void controlApiShowsCallsAndRepositories() throws Exception {
        ecrCall(
                "CreateRepository",
                "{\"repositoryName\":\"app\",\"tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}",
                FAKE_AUTH);
        ecrCall("DescribeRepositories", "{\"repositoryNames\":[\"gone\"]}", FAKE_AUTH);

        List<JsonNode> calls = json(control("GET", "calls", null)).asArray();
        assertEquals(2, calls.size());
        assertEquals("CreateRepository", calls.get(0).field("operation").get().asString());
        assertEquals("app", calls.get(0).field("repositoryName").get().asString());
        assertEquals("200", calls.get(0).field("httpStatus").get().asNumber());
        assertEquals(
                "RepositoryNotFoundException",
                calls.get(1).field("errorType").get().asString());
        assertEquals("AKIDRAW", calls.get(1).field("accessKeyId").get().asString());

        JsonNode repository =
                json(control("GET", "repositories", null)).asArray().get(0);
        assertEquals("app", repository.field("name").get().asString());
        assertEquals("v", repository.field("tags").get().field("k").get().asString());
        assertTrue(repository.field("policyText").get().isNull());

        assertEquals(200, control("DELETE", "calls", null).statusCode());
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void controlApiSeedsRepositoriesWithoutCallingEcr() throws Exception {
        String seed = "{\"name\":\"seeded\",\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\","
                + "\"imageTagMutabilityExclusionFilters\":[{\"filterType\":\"WILDCARD\",\"filter\":\"dev*\"}],"
                + "\"scanOnPush\":true,\"encryptionType\":\"KMS\",\"kmsKey\":\"key-1\","
                + "\"policyText\":\"{\\\"Version\\\":\\\"2012-10-17\\\"}\",\"lifecyclePolicyText\":\"{}\","
                + "\"tags\":{\"team\":\"core\"},\"imageTags\":[\"1.0\",\"latest\"]}";
        HttpResponse<String> response = control("POST", "repositories", seed);
        assertEquals(200, response.statusCode(), response.body());

        RepositoryState state = emulator.repository("seeded").orElseThrow();
        assertEquals("IMMUTABLE_WITH_EXCLUSION", state.imageTagMutability());
        assertEquals(List.of(RepositoryState.ExclusionFilter.wildcard("dev*")), state.exclusionFilters());
        assertTrue(state.scanOnPush());
        assertEquals("KMS", state.encryptionType());
        assertEquals("key-1", state.kmsKey());
        assertEquals("{\"Version\":\"2012-10-17\"}", state.policyText(), "seeded text is stored verbatim");
        assertEquals("{}", state.lifecyclePolicyText());
        assertEquals(Map.of("team", "core"), state.tags());
        assertEquals(Set.of("1.0", "latest"), state.imageTags());
        assertTrue(emulator.calls().isEmpty());

        // What GET returns can be posted back as a seed.
        String exported = JsonText.compact(
                json(control("GET", "repositories", null)).asArray().get(0));
        emulator.reset();
        assertEquals(200, control("POST", "repositories", exported).statusCode());
        RepositoryState restored = emulator.repository("seeded").orElseThrow();
        assertEquals(state.tags(), restored.tags());
        assertEquals(state.exclusionFilters(), restored.exclusionFilters());
        assertEquals(state.imageTags(), restored.imageTags());
        assertEquals(state.policyText(), restored.policyText());

        assertEquals(
                400, control("POST", "repositories", "{\"name\":\"BAD NAME\"}").statusCode());
        assertEquals(404, control("GET", "nothing-here", null).statusCode());
    }

    @Test
    void controlApiInjectsFaultsAndResets() throws Exception {
        String faults = "{\"throttle\":{\"CreateRepository\":2},\"serverError\":{\"DescribeRepositories\":1},"
                + "\"dropConnection\":{\"GetAuthorizationToken\":1},\"latencyMillis\":20,"
                + "\"accessDenied\":[\"SetRepositoryPolicy\"],\"concurrentCreator\":[\"racy\"]}";
        assertEquals(200, control("POST", "faults", faults).statusCode());

        assertEquals(
                "ThrottlingException",
                json(ecrCall("CreateRepository", "{\"repositoryName\":\"a1\"}", FAKE_AUTH))
                        .field("__type")
                        .get()
                        .asString());
        assertEquals(
                "ThrottlingException",
                json(ecrCall("CreateRepository", "{\"repositoryName\":\"a1\"}", FAKE_AUTH))
                        .field("__type")
                        .get()
                        .asString());
        assertEquals(
                200,
                ecrCall("CreateRepository", "{\"repositoryName\":\"a1\"}", FAKE_AUTH)
                        .statusCode());
        assertEquals(500, ecrCall("DescribeRepositories", "{}", FAKE_AUTH).statusCode());
        assertThrows(java.io.IOException.class, () -> ecrCall("GetAuthorizationToken", "{}", FAKE_AUTH));
        assertEquals(
                "AccessDeniedException",
                json(ecrCall("SetRepositoryPolicy", "{\"repositoryName\":\"a1\",\"policyText\":\"{}\"}", FAKE_AUTH))
                        .field("__type")
                        .get()
                        .asString());
        assertEquals(
                "RepositoryAlreadyExistsException",
                json(ecrCall("CreateRepository", "{\"repositoryName\":\"racy\"}", FAKE_AUTH))
                        .field("__type")
                        .get()
                        .asString());
        assertTrue(emulator.calls().stream().allMatch(c -> c.endNanos() - c.startNanos() >= 20_000_000L));

        assertEquals(200, control("POST", "reset", null).statusCode());
        assertTrue(emulator.repositories().isEmpty());
        assertTrue(emulator.calls().isEmpty());
        // Access denial is gone too: the same call now reaches policy validation.
        assertEquals(
                "InvalidParameterException",
                json(ecrCall("SetRepositoryPolicy", "{\"repositoryName\":\"a1\",\"policyText\":\"{}\"}", FAKE_AUTH))
                        .field("__type")
                        .get()
                        .asString());
    }

    @Test
    void signaturesAreVerifiedWhenKeyPairsAreConfigured() {
        try (EcrEmulator strict = EcrEmulator.builder()
                .credentials(EmulatorClients.ACCESS_KEY_ID, EmulatorClients.SECRET_KEY)
                .build()
                .start()) {
            try (EcrClient good = EmulatorClients.noRetries(strict)) {
                good.createRepository(r -> r.repositoryName("signed"));
                good.describeRepositories(r -> r.repositoryNames("signed"));
            }
            try (EcrClient wrongSecret = EmulatorClients.client(
                    strict, EmulatorClients.ACCESS_KEY_ID, "wrong-secret", AwsRetryStrategy.doNotRetry())) {
                EcrException e = assertThrows(EcrException.class, () -> wrongSecret.describeRepositories(r -> {}));
                assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
                assertEquals(403, e.statusCode());
            }
            try (EcrClient unknownKey = EmulatorClients.client(
                    strict, "AKIAUNKNOWN", EmulatorClients.SECRET_KEY, AwsRetryStrategy.doNotRetry())) {
                EcrException e = assertThrows(EcrException.class, () -> unknownKey.describeRepositories(r -> {}));
                assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
            }
            Map<Integer, Long> statuses = strict.calls().stream()
                    .collect(Collectors.groupingBy(EmulatorCall::httpStatus, Collectors.counting()));
            assertEquals(Map.of(200, 2L, 403, 2L), statuses);
        }
    }

    @Test
    void healthAnswersThePort() throws Exception {
        JsonNode health = json(control("GET", "health", null));
        assertEquals("ok", health.field("status").get().asString());
        assertEquals(
                Integer.toString(emulator.port()), health.field("port").get().asNumber());
        assertNotEquals(0, emulator.port());
    }

    @Test
    void shutdownStopsTheServer() throws Exception {
        URI endpoint = emulator.endpoint();
        assertEquals(200, control("POST", "shutdown", null).statusCode());
        emulator.awaitClosed();
        Thread.sleep(200);
        assertThrows(
                java.io.IOException.class,
                () -> http.send(
                        HttpRequest.newBuilder(endpoint.resolve("/_emulator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
    }
}
