package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.RegistryException.Answer;
import io.github.ecrmavenplugin.registry.RegistryException.Call;
import io.github.ecrmavenplugin.registry.RegistryException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrServiceClientConfiguration;

/**
 * Turns the SDK's exception for a failed ECR call into a {@link RegistryException} whose message says, in a few
 * words, what failed: the operation, the repository, the endpoint, the kind of failure, and (where AWS support
 * would ask for it) the request ID. The SDK's own text (its paragraphs on DNS caches, attempt counts, provider
 * chains) stays in the cause, for {@code -e} and {@code -X}.
 */
final class SdkFailures {

    /** How IAM names the resource in an access-denied message: "... on resource: arn:aws:ecr:... because ...". */
    private static final Pattern DENIED_RESOURCE = Pattern.compile("on resource: (\\S+)");
    /** How IAM names who was denied: "User: arn:aws:iam::123456789012:user/ci is not authorized ...". */
    private static final Pattern DENIED_IDENTITY = Pattern.compile("User: (\\S+) is not authorized");

    private static final Set<String> ACCESS_DENIED =
            Set.of("AccessDeniedException", "AccessDenied", "UnauthorizedOperation");
    private static final Set<String> CREDENTIALS_REFUSED = Set.of(
            "UnrecognizedClientException",
            "InvalidClientTokenId",
            "InvalidSignatureException",
            "SignatureDoesNotMatch",
            "IncompleteSignatureException",
            "MissingAuthenticationTokenException");
    private static final Set<String> CREDENTIALS_EXPIRED =
            Set.of("ExpiredTokenException", "ExpiredToken", "RequestExpired");
    /** The SDK's words when its credential chain found nothing. */
    private static final String NO_CREDENTIALS = "Unable to load credentials";
    /** The SDK appends its own count to a client-side failure's message: " (SDK Attempt Count: 5)". */
    private static final Pattern SDK_ATTEMPT_COUNT = Pattern.compile("\\s*\\(SDK Attempt Count: \\d+\\)");

    private static final int MAX_REASON = 160;
    /** ECR's own words on a refused value are what the user needs; they get more room, and nothing else is added. */
    private static final int MAX_REFUSAL = 240;

    private static final String PROXY_REFUSED = "a proxy on the way demanded credentials (HTTP 407)";

    private SdkFailures() {}

    /**
     * @param operation the ECR operation that failed
     * @param resource  what it was about, e.g. {@code repository app}
     * @param client    the client's configuration, to name the endpoint and the time-out
     */
    static RegistryException of(
            String operation, String resource, EcrServiceClientConfiguration client, SdkException e) {
        Call call = new Call(operation, resource, attempts(e));
        if (e instanceof AwsServiceException service
                && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return answered(call, service);
        }
        if (e instanceof AwsServiceException service) {
            // An answer that is not ECR's, e.g. a proxy's.
            Answer answer = new Answer(null, service.requestId());
            if (service.statusCode() == 407) {
                return RegistryException.of(Kind.PROXY_REFUSED, call, PROXY_REFUSED, Answer.NONE, e);
            }
            String reason = endpoint(client) + " answered HTTP " + service.statusCode() + ", which is not ECR's answer";
            return service.statusCode() >= 500
                    ? RegistryException.of(Kind.SERVER_ERROR, call, reason, answer, e)
                    : RegistryException.of(Kind.FAILED, call, reason, answer, e);
        }
        return unanswered(call, client, e);
    }

    private static RegistryException answered(Call call, AwsServiceException e) {
        String code = e.awsErrorDetails().errorCode();
        String message = Optional.ofNullable(e.awsErrorDetails().errorMessage()).orElse("");
        Answer answer = new Answer(code, e.requestId());
        if (ACCESS_DENIED.contains(code)) {
            String on = find(DENIED_RESOURCE, message).orElse(call.resource());
            String who =
                    find(DENIED_IDENTITY, message).map(arn -> " (" + arn + ")").orElse("");
            return RegistryException.of(
                    Kind.ACCESS_DENIED,
                    call,
                    "the build's AWS identity" + who + " may not call ecr:" + call.operation()
                            + (on == null ? "" : " on " + on) + requestId(e.requestId()),
                    answer,
                    e);
        }
        if (CREDENTIALS_EXPIRED.contains(code)) {
            return RegistryException.of(
                    Kind.CREDENTIALS_EXPIRED,
                    call,
                    "the build's AWS credentials have expired (" + code + ")",
                    answer,
                    e);
        }
        if (CREDENTIALS_REFUSED.contains(code)) {
            String what = code.contains("Signature")
                    ? "AWS refused the request's signature: the secret access key does not match the access key ID"
                    : "AWS does not recognise the build's access key";
            return RegistryException.of(Kind.CREDENTIALS_REFUSED, call, what + " (" + code + ")", answer, e);
        }
        if (e.isThrottlingException()) {
            Integer attempts = call.attempts();
            return RegistryException.of(
                    Kind.THROTTLED,
                    call,
                    "ECR throttled " + (attempts != null && attempts > 1 ? "every attempt" : "the call") + " (" + code
                            + ")",
                    answer,
                    e);
        }
        if (e.statusCode() >= 500) {
            return RegistryException.of(
                    Kind.SERVER_ERROR,
                    call,
                    "ECR failed on its side (" + code + ", HTTP " + e.statusCode() + requestIdInList(e.requestId())
                            + ")",
                    answer,
                    e);
        }
        // ECR's own words on what it refused (a policy it finds invalid, a limit): what the user needs.
        return RegistryException.of(Kind.REFUSED, call, shorten(message, MAX_REFUSAL) + " (" + code + ")", answer, e);
    }

    private static RegistryException unanswered(Call call, EcrServiceClientConfiguration client, SdkException e) {
        String endpoint = endpoint(client);
        if (e.getMessage() != null && e.getMessage().startsWith(NO_CREDENTIALS)) {
            return RegistryException.of(Kind.CREDENTIALS_MISSING, call, "no AWS credentials found", Answer.NONE, e);
        }
        if (e instanceof ApiCallTimeoutException) {
            String budget = client.overrideConfiguration()
                    .apiCallTimeout()
                    .map(SdkFailures::seconds)
                    .map(s -> " within " + s)
                    .orElse(" in time");
            return RegistryException.of(Kind.TIMED_OUT, call, endpoint + " did not answer" + budget, Answer.NONE, e);
        }
        if (ProxySettings.refusedAuthentication(e)) {
            return RegistryException.of(Kind.PROXY_REFUSED, call, PROXY_REFUSED, Answer.NONE, e);
        }
        Optional<Throwable> unknownHost = first(e, UnknownHostException.class);
        if (unknownHost.isPresent()) {
            // The JDK's message is the host name, sometimes followed by ": Name or service not known".
            String host = Optional.ofNullable(unknownHost.get().getMessage())
                    .map(m -> m.split(":", 2)[0].strip())
                    .orElse(endpoint);
            return RegistryException.of(
                    Kind.HOST_UNKNOWN, call, "the host name " + host + " does not resolve", Answer.NONE, e);
        }
        if (has(e, SSLException.class)) {
            String what = has(e, java.security.GeneralSecurityException.class)
                    ? "the certificate of " + endpoint + " is not trusted by this JVM"
                    : "the TLS handshake with " + endpoint + " failed";
            return RegistryException.of(Kind.TLS_FAILED, call, what, Answer.NONE, e);
        }
        if (has(e, ConnectException.class)) {
            return RegistryException.of(
                    Kind.CONNECTION_REFUSED, call, endpoint + " refused the connection", Answer.NONE, e);
        }
        if (has(e, ApiCallAttemptTimeoutException.class) || has(e, SocketTimeoutException.class)) {
            return RegistryException.of(Kind.TIMED_OUT, call, endpoint + " did not answer in time", Answer.NONE, e);
        }
        if (has(e, IOException.class)) {
            return RegistryException.of(
                    Kind.CONNECTION_LOST,
                    call,
                    "the connection to " + endpoint + " broke before an answer",
                    Answer.NONE,
                    e);
        }
        String detail = SDK_ATTEMPT_COUNT
                .matcher(Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()))
                .replaceAll("");
        return RegistryException.of(Kind.FAILED, call, shorten(detail), Answer.NONE, e);
    }

    /**
     * How many attempts the SDK made. Some of its interceptors wrap the failure in a new exception (the one for an
     * unknown host does), which leaves the count on the wrapped one.
     */
    private static Integer attempts(SdkException e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SdkException sdk && sdk.numAttempts() != null) {
                return sdk.numAttempts();
            }
        }
        return null;
    }

    /** Where the calls go, for a message: the configured endpoint, else ECR's in the region. */
    static String endpoint(EcrServiceClientConfiguration client) {
        Optional<URI> override = client.endpointOverride();
        if (override.isPresent()) {
            URI uri = override.get();
            return uri.getScheme() + "://" + uri.getAuthority();
        }
        return "ECR's endpoint in " + client.region();
    }

    private static String requestId(String requestId) {
        return requestId == null ? "" : " (request ID " + requestId + ")";
    }

    private static String requestIdInList(String requestId) {
        return requestId == null ? "" : ", request ID " + requestId;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String shorten(String text) {
        return shorten(text, MAX_REASON);
    }

    private static String shorten(String text, int max) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        return first(e, type).isPresent();
    }

    private static Optional<Throwable> first(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
