package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * ECR's JSON API (AWS JSON 1.1) called over a {@link DirectRoute} with the JDK's HTTP client, each request signed
 * by {@link SigV4}. One call is one attempt: retries, and making sense of anything other than an answer, are left
 * to the SDK's client (see {@link DirectReads}, {@link SdkRegistry}).
 */
final class EcrJsonApi {

    private static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final DirectHttp.Target target;
    private final AwsCredentialsProvider credentials;
    private final SigV4 signer;

    /**
     * @param credentials the build's credentials for this connection, the same provider the SDK's client signs
     *                    with: it caches what it resolved and refreshes temporary credentials before they expire
     */
    EcrJsonApi(DirectRoute route, AwsCredentialsProvider credentials) {
        this.target = new DirectHttp.Target(route.endpoint(), route.proxy(), route.attemptTimeout());
        this.credentials = credentials;
        this.signer = new SigV4("ecr", route.region(), Clock.systemUTC());
    }

    /**
     * ECR's answer: a success with its body, or an error with ECR's error type (e.g.
     * {@code RepositoryNotFoundException}) and message when the answer names them.
     *
     * @param status       the HTTP status
     * @param body         the parsed JSON body of a success, an empty map otherwise
     * @param errorType    the error's type without its namespace, if the answer is an AWS error
     * @param errorMessage the error's message, if the answer has one
     */
    record Answer(int status, Map<String, Object> body, Optional<String> errorType, Optional<String> errorMessage) {

        static Answer success(Map<String, Object> body) {
            return new Answer(200, body, Optional.empty(), Optional.empty());
        }

        /** An error answer, whose body, if it is JSON at all, holds {@code __type} and {@code message}. */
        static Answer error(int status, String typeHeader, String body) {
            Map<String, Object> fields = errorFields(body);
            Optional<String> type = Optional.ofNullable(typeHeader)
                    .filter(t -> !t.isBlank())
                    .or(() -> text(fields.get("__type")))
                    .map(Answer::withoutNamespace);
            Optional<String> message = text(fields.get("message")).or(() -> text(fields.get("Message")));
            return new Answer(status, Map.of(), type, message);
        }

        private static Map<String, Object> errorFields(String body) {
            try {
                return object(body);
            } catch (IllegalArgumentException e) {
                return Map.of();
            }
        }

        boolean succeeded() {
            return status == 200;
        }

        boolean failedWith(String... types) {
            return errorType.isPresent() && List.of(types).contains(errorType.get());
        }

        /**
         * AWS may put a namespace or details around the type: {@code com.amazonaws.ecr#RepositoryNotFoundException},
         * {@code RepositoryNotFoundException:http://...}.
         */
        private static String withoutNamespace(String type) {
            String name = type.substring(type.indexOf('#') + 1);
            int colon = name.indexOf(':');
            return colon < 0 ? name : name.substring(0, colon);
        }

        private static Optional<String> text(Object value) {
            return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        }
    }

    /** Where the calls go, for messages: {@code scheme://host[:port]}. */
    String endpoint() {
        return target.url().getScheme() + "://" + target.url().getRawAuthority();
    }

    /**
     * Makes one call and reads ECR's answer.
     *
     * @throws IOException when there is no answer to read (connection refused or dropped, timed out)
     */
    Answer call(String operation, Map<String, Object> request) throws IOException {
        byte[] payload = Json.write(request).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers =
                new LinkedHashMap<>(Map.of("Content-Type", CONTENT_TYPE, "X-Amz-Target", TARGET_PREFIX + operation));
        headers.putAll(signer.sign(target.url(), headers, payload, credentials.resolveCredentials()));
        DirectHttp.Reply reply = target.post(headers, payload);
        return reply.status() == 200
                ? Answer.success(object(reply.body()))
                : Answer.error(reply.status(), reply.header("x-amzn-ErrorType"), reply.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String text) {
        Object value = Json.parse(text.isBlank() ? "{}" : text);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("ECR answered with JSON that is not an object");
    }
}
