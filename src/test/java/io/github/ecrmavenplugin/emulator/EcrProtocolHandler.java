package io.github.ecrmavenplugin.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * Speaks ECR's wire protocol, AWS JSON 1.1: {@code POST /} with {@code X-Amz-Target:
 * AmazonEC2ContainerRegistry_V20150921.<Operation>}, a SigV4-signed JSON body, and a JSON answer carrying
 * {@code x-amzn-RequestId}. Errors are {@code {"__type": ..., "message": ...}}, which the AWS SDK and CLI map to
 * their modeled exception classes by {@code __type}.
 *
 * <p>Injected faults are applied here, around the operation, in the order a real call would meet them: latency
 * first, then the network (a dropped connection), then authentication, then the service's own refusals.
 */
final class EcrProtocolHandler implements HttpHandler {

    static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final EmulatedRegistry registry;
    private final EcrOperations operations;
    private final Faults faults;
    private final Consumer<EmulatorCall> callLog;
    private final Map<String, String> secretKeys; // access key id -> secret; empty: signatures are not checked
    private final Identities sessions;

    EcrProtocolHandler(
            EmulatedRegistry registry,
            EcrOperations operations,
            Faults faults,
            Consumer<EmulatorCall> callLog,
            Map<String, String> secretKeys) {
        this(registry, operations, faults, callLog, secretKeys, new Identities());
    }

    EcrProtocolHandler(
            EmulatedRegistry registry,
            EcrOperations operations,
            Faults faults,
            Consumer<EmulatorCall> callLog,
            Map<String, String> secretKeys,
            Identities sessions) {
        this.sessions = sessions;
        this.registry = registry;
        this.operations = operations;
        this.faults = faults;
        this.callLog = callLog;
        this.secretKeys = Map.copyOf(secretKeys);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        String operation = operationOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String repositoryName = null;
        SignatureCheck.Authorization auth = null;
        int status;
        String errorType = null;
        try (exchange) {
            sleep(faults.latency());
            if (operation != null) {
                sleep(faults.takeLatencySpike(operation));
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            try {
                auth = SignatureCheck.parse(exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (EcrError e) {
                // Reported below, after the network faults: a dropped connection comes before any answer.
                auth = null;
            }
            byte[] response;
            try {
                RequestBody request = RequestBody.parse(body);
                repositoryName = EcrOperations.repositoryNameOf(request);
                if (operation != null && faults.takeDrop(operation)) {
                    callLog.accept(new EmulatorCall(
                            operation,
                            repositoryName,
                            accessKey(auth),
                            region(auth),
                            EmulatorCall.CONNECTION_DROPPED,
                            EmulatorCall.DROPPED_ERROR_TYPE,
                            start,
                            System.nanoTime(),
                            requestId,
                            userAgent(exchange)));
                    return; // closing the exchange before any response header closes the TCP connection
                }
                response = dispatch(exchange, operation, auth, body, request, requestId);
                status = 200;
            } catch (EcrError e) {
                status = e.status();
                errorType = e.type();
                response = errorBody(e);
            } catch (RuntimeException e) {
                // A bug in the emulator: answer like an AWS internal error, and make it visible in the test output.
                e.printStackTrace();
                status = 500;
                errorType = "ServerException";
                response = errorBody(new EcrError(errorType, 500, "Emulator failure: " + e));
            }
            // Logged before answering: a client that has its answer must find its call in the log.
            callLog.accept(new EmulatorCall(
                    operation,
                    repositoryName,
                    accessKey(auth),
                    region(auth),
                    status,
                    errorType,
                    start,
                    System.nanoTime(),
                    requestId,
                    userAgent(exchange)));
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(status, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    private byte[] dispatch(
            HttpExchange exchange,
            String operationName,
            SignatureCheck.Authorization parsedAuth,
            byte[] body,
            RequestBody request,
            String requestId) {
        if (!"POST".equals(exchange.getRequestMethod()) || operationName == null) {
            throw EcrError.of(
                    "UnknownOperationException",
                    "Requests must be POST / with an X-Amz-Target of " + TARGET_PREFIX + "<Operation>");
        }
        // Parsed again so that a missing or malformed header now answers its own error.
        SignatureCheck.Authorization auth = parsedAuth != null
                ? parsedAuth
                : SignatureCheck.parse(exchange.getRequestHeaders().getFirst("Authorization"));
        var session = sessions.find(auth.accessKeyId());
        var knownSecret = sessions.secretOf(auth.accessKeyId());
        if (knownSecret.isPresent()) {
            // A known key (registered, or temporary from the emulator's STS): the signature must match, and a
            // temporary key's session token must come along.
            if (session.isPresent()
                    && !session.get()
                            .sessionToken()
                            .equals(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"))) {
                throw new EcrError(
                        "UnrecognizedClientException", 403, "The security token included in the request is invalid.");
            }
            SignatureCheck.verify(
                    auth,
                    knownSecret.get(),
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    body,
                    faults.now());
        } else if (!secretKeys.isEmpty()) {
            String secret = secretKeys.get(auth.accessKeyId());
            if (secret == null) {
                throw new EcrError(
                        "UnrecognizedClientException", 403, "The security token included in the request is invalid.");
            }
            SignatureCheck.verify(
                    auth,
                    secret,
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    body,
                    faults.now());
        }
        if (faults.credentialsExpired()) {
            throw new EcrError(
                    "ExpiredTokenException", 403, "The security token included in the request is " + "expired");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith(CONTENT_TYPE)) {
            throw EcrError.of("SerializationException", "Content-Type must be " + CONTENT_TYPE);
        }
        EcrOperations.Operation operation = operations
                .find(operationName)
                .orElseThrow(() -> EcrError.of("UnknownOperationException", "Unknown operation " + operationName));
        CallContext call = new CallContext(requestId, auth.accessKeyId(), auth.region());
        String repositoryName = EcrOperations.repositoryNameOf(request);
        if (faults.denies(operationName)) {
            throw accessDenied(call, operationName, repositoryName);
        }
        if (operationName.equals("DescribeRepositories") && faults.hasRendezvous(repositoryName)) {
            // The answer is what the registry held when the call arrived: every caller at the rendezvous sees the
            // repository missing at the same moment, however late a loaded machine lets one go on after the
            // others were released and one of them created it.
            byte[] answer;
            try {
                answer = answer(operation, call, request);
            } catch (EcrError missing) {
                faults.awaitRendezvous(repositoryName);
                throw missing;
            }
            faults.awaitRendezvous(repositoryName);
            return answer;
        }
        if (faults.takeThrottle(operationName)) {
            // The SDK recognises throttling by this error code and retries it with its throttling back-off.
            throw EcrError.of("ThrottlingException", "Rate exceeded");
        }
        if (faults.takeServerError(operationName)) {
            throw new EcrError("ServerException", 500, "We encountered an internal error. Please try again.");
        }
        if (operationName.equals("CreateRepository")
                && repositoryName != null
                && faults.takeConcurrentCreator(repositoryName)) {
            // Someone else wins the race: their repository exists by the time this request is handled.
            registry.add(registry.newRepository(repositoryName, call.region()));
        }
        return answer(operation, call, request);
    }

    private static byte[] answer(EcrOperations.Operation operation, CallContext call, RequestBody request) {
        JsonWriter out = JsonWriter.create();
        out.writeStartObject();
        operation.invoke(call, request, out);
        out.writeEndObject();
        return out.getBytes();
    }

    private EcrError accessDenied(CallContext call, String operation, String repositoryName) {
        String resource = repositoryName == null
                ? "*"
                : "arn:aws:ecr:" + call.region() + ":" + registry.accountId() + ":repository/" + repositoryName;
        return EcrError.of(
                "AccessDeniedException",
                "User: arn:aws:iam::" + registry.accountId()
                        + ":user/ci is not authorized to perform: ecr:" + operation + " on resource: " + resource
                        + " because no identity-based policy allows the ecr:" + operation + " action");
    }

    private static byte[] errorBody(EcrError error) {
        JsonWriter out = JsonWriter.create();
        out.writeStartObject()
                .writeFieldName("__type")
                .writeValue(error.type())
                .writeFieldName("message")
                .writeValue(error.getMessage())
                .writeEndObject();
        return out.getBytes();
    }

    private static String operationOf(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX) || target.length() == TARGET_PREFIX.length()) {
            return null;
        }
        return target.substring(TARGET_PREFIX.length());
    }

    private static String accessKey(SignatureCheck.Authorization auth) {
        return auth == null ? null : auth.accessKeyId();
    }

    private static String region(SignatureCheck.Authorization auth) {
        return auth == null ? null : auth.region();
    }

    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String userAgent(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("User-Agent");
    }
}
