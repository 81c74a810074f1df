package io.github.ecrmavenplugin.registry;

import java.util.Optional;

/**
 * A call to ECR failed for good (after the retries worth making). Carries what a user needs to act on it: the
 * operation, the resource it was about, what kind of failure it was, ECR's error code, the request ID to quote to
 * AWS support, and how many attempts were made. Its message is one sentence in the user's words, e.g. {@code ECR
 * CreateRepository for repository app failed after 3 attempts: ECR throttled every attempt (ThrottlingException)};
 * the client library's own text stays in the cause. Never carries credentials.
 */
public final class RegistryException extends RuntimeException {

    /** What went wrong, as far as the fix is concerned. */
    public enum Kind {
        /** IAM refused the action: the fix is a permission. */
        ACCESS_DENIED,
        /** No credentials were found anywhere. */
        CREDENTIALS_MISSING,
        /** AWS does not accept the credentials: an unknown access key, or a signature made with the wrong secret. */
        CREDENTIALS_REFUSED,
        /** The credentials' session has expired. */
        CREDENTIALS_EXPIRED,
        /** ECR throttled every attempt. */
        THROTTLED,
        /** ECR failed on its side (HTTP 5xx) every attempt. */
        SERVER_ERROR,
        /** No answer in time. */
        TIMED_OUT,
        /** The endpoint's host name does not resolve. */
        HOST_UNKNOWN,
        /** Nothing listens at the endpoint, or something on the way refuses the connection. */
        CONNECTION_REFUSED,
        /** Connections closed or broke before an answer. */
        CONNECTION_LOST,
        /** The TLS handshake failed, e.g. on a certificate the JVM does not trust. */
        TLS_FAILED,
        /** A proxy demanded credentials (HTTP 407). */
        PROXY_REFUSED,
        /** ECR refused the request for another reason, which its message names. */
        REFUSED,
        /** Anything else. */
        FAILED
    }

    private final String operation;
    private final String resource;
    private final Kind kind;
    private final String reason;
    private final String errorCode;
    private final String requestId;
    private final Integer attempts;

    /**
     * @param operation the ECR operation, e.g. {@code CreateRepository}
     * @param resource  what the call was about, e.g. {@code repository team/app} or an ARN; {@code null} if unknown
     * @param kind      what kind of failure
     * @param reason    what went wrong, in a few words, e.g. {@code ECR throttled every attempt (ThrottlingException)}
     * @param errorCode ECR's error code, if it answered
     * @param requestId the request ID of the last answer, if any
     * @param attempts  how many attempts were made; {@code null} when unknown
     */
    public RegistryException(
            String operation,
            String resource,
            Kind kind,
            String reason,
            String errorCode,
            String requestId,
            Integer attempts,
            Throwable cause) {
        super(describe(operation, resource, reason, attempts), cause);
        this.operation = operation;
        this.resource = resource;
        this.kind = kind;
        this.reason = reason;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.attempts = attempts;
    }

    private static String describe(String operation, String resource, String reason, Integer attempts) {
        return "ECR " + operation + (resource == null ? "" : " for " + resource) + " failed"
                + (attempts != null && attempts > 1 ? " after " + attempts + " attempts" : "") + ": " + reason;
    }

    /**
     * The same failure, counting one more attempt made before the SDK's own: a read that failed on the direct route
     * and was then made again through the SDK (the direct reads under {@code SdkRegistry}).
     */
    public RegistryException afterOneMoreAttempt() {
        return new RegistryException(
                operation,
                resource,
                kind,
                reason,
                errorCode,
                requestId,
                attempts == null ? null : attempts + 1,
                getCause());
    }

    /** The ECR operation, e.g. {@code SetRepositoryPolicy}. */
    public String operation() {
        return operation;
    }

    /** The IAM action the operation needs, e.g. {@code ecr:SetRepositoryPolicy}. */
    public String iamAction() {
        return "ecr:" + operation;
    }

    public Kind kind() {
        return kind;
    }

    /** What went wrong, in a few words (the message without the operation and the attempts). */
    public String reason() {
        return reason;
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** What the call was about, e.g. {@code repository a/b}, or an ARN. */
    public Optional<String> resource() {
        return Optional.ofNullable(resource);
    }

    /** How many attempts were made, the first included. */
    public Optional<Integer> attempts() {
        return Optional.ofNullable(attempts);
    }

    /** No credentials anywhere. */
    public boolean isMissingCredentials() {
        return kind == Kind.CREDENTIALS_MISSING;
    }

    /** ECR refused a value of the request: the fix is in what was sent, not a retry or a permission. */
    public boolean isInvalidParameter() {
        return errorCode != null
                && (errorCode.equals("InvalidParameterException")
                        || errorCode.equals("ValidationException")
                        || errorCode.equals("InvalidTagParameterException"));
    }

    /** IAM said no: the fix is a permission, not a retry. */
    public boolean isAccessDenied() {
        return kind == Kind.ACCESS_DENIED;
    }

    /** The call ran out of its time budget ({@code timeout}). */
    public boolean isTimeout() {
        return kind == Kind.TIMED_OUT;
    }
}
