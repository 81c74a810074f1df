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

    /**
     * The call that failed.
     *
     * @param operation the ECR operation, e.g. {@code CreateRepository}
     * @param resource  what the call was about, e.g. {@code repository team/app} or an ARN; {@code null} if unknown
     * @param attempts  how many attempts were made; {@code null} when unknown
     */
    public record Call(String operation, String resource, Integer attempts) {}

    /**
     * What ECR (or something in its place) answered, as far as the answer tells.
     *
     * @param errorCode ECR's error code; {@code null} when the answer had none
     * @param requestId the request ID of the answer, to quote to AWS support; {@code null} when there was none
     */
    public record Answer(String errorCode, String requestId) {
        /** No answer at all: the call failed before one came. */
        public static final Answer NONE = new Answer(null, null);
    }

    private final Call call;
    private final Kind kind;
    private final String reason;
    private final Answer answer;

    private RegistryException(Call call, Kind kind, String reason, Answer answer, Throwable cause) {
        super(describe(call, reason), cause);
        this.call = call;
        this.kind = kind;
        this.reason = reason;
        this.answer = answer;
    }

    /** IAM refused the action. */
    public static RegistryException accessDenied(Call call, String reason, Answer answer, Throwable cause) {
        return new RegistryException(call, Kind.ACCESS_DENIED, reason, answer, cause);
    }

    /** No credentials anywhere. */
    public static RegistryException credentialsMissing(Call call, String reason, Throwable cause) {
        return new RegistryException(call, Kind.CREDENTIALS_MISSING, reason, Answer.NONE, cause);
    }

    /** AWS does not accept the credentials. */
    public static RegistryException credentialsRefused(Call call, String reason, Answer answer, Throwable cause) {
        return new RegistryException(call, Kind.CREDENTIALS_REFUSED, reason, answer, cause);
    }

    /** The credentials' session has expired. */
    public static RegistryException credentialsExpired(Call call, String reason, Answer answer, Throwable cause) {
        return new RegistryException(call, Kind.CREDENTIALS_EXPIRED, reason, answer, cause);
    }

    /** ECR throttled every attempt. */
    public static RegistryException throttled(Call call, String reason, Answer answer, Throwable cause) {
        return new RegistryException(call, Kind.THROTTLED, reason, answer, cause);
    }

    /** ECR, or something in its place, failed on its side (HTTP 5xx). */
    public static RegistryException serverError(Call call, String reason, Answer answer, Throwable cause) {
        return new RegistryException(call, Kind.SERVER_ERROR, reason, answer, cause);
    }

    /** No answer in time. */
    public static RegistryException timedOut(Call call, String reason, Throwable cause) {
        return new RegistryException(call, Kind.TIMED_OUT, reason, Answer.NONE, cause);
    }

    /** The endpoint's host name does not resolve. */
    public static RegistryException hostUnknown(Call call, String reason, Throwable cause) {
        return new RegistryException(call, Kind.HOST_UNKNOWN, reason, Answer.NONE, cause);
    }

    /** Nothing listens at the endpoint, or something on the way refuses the connection. */
    public static RegistryException connectionRefused(Call call, String reason, Throwable cause) {
        return new RegistryException(call, Kind.CONNECTION_REFUSED, reason, Answer.NONE, cause);
    }

    /** Connections closed or broke before an answer. */
    public static RegistryException connectionLost(Call call, String reason, Throwable cause) {
        return new RegistryException(call, Kind.CONNECTION_LOST, reason, Answer.NONE, cause);
    }

    /** The TLS handshake failed. */
    public static RegistryException tlsFailed(Call call, String reason, Throwable cause) {
        return new RegistryException(call, Kind.TLS_FAILED, reason, Answer.NONE, cause);
    }

    /** A proxy demanded credentials (HTTP 407). */
    public static RegistryException proxyRefused(Call call, String reason, Throwable cause) {
        return new RegistryException(call, Kind.PROXY_REFUSED, reason, Answer.NONE, cause);
    }

    /** ECR refused the request for another reason, which its message names. */
    public static RegistryException refused(Call call, String reason, Answer answer, Throwable cause) {
        return new RegistryException(call, Kind.REFUSED, reason, answer, cause);
    }

    /** Anything else. */
    public static RegistryException failed(Call call, String reason, Answer answer, Throwable cause) {
        return new RegistryException(call, Kind.FAILED, reason, answer, cause);
    }

    private static String describe(Call call, String reason) {
        return "ECR " + call.operation() + (call.resource() == null ? "" : " for " + call.resource()) + " failed"
                + (call.attempts() != null && call.attempts() > 1 ? " after " + call.attempts() + " attempts" : "")
                + ": " + reason;
    }

    /** The ECR operation, e.g. {@code SetRepositoryPolicy}. */
    public String operation() {
        return call.operation();
    }

    /** The IAM action the operation needs, e.g. {@code ecr:SetRepositoryPolicy}. */
    public String iamAction() {
        return "ecr:" + call.operation();
    }

    public Kind kind() {
        return kind;
    }

    /** What went wrong, in a few words (the message without the operation and the attempts). */
    public String reason() {
        return reason;
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(answer.errorCode());
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(answer.requestId());
    }

    /** What the call was about, e.g. {@code repository a/b}, or an ARN. */
    public Optional<String> resource() {
        return Optional.ofNullable(call.resource());
    }

    /** How many attempts were made, the first included. */
    public Optional<Integer> attempts() {
        return Optional.ofNullable(call.attempts());
    }

    /** No credentials anywhere. */
    public boolean isMissingCredentials() {
        return kind == Kind.CREDENTIALS_MISSING;
    }

    /** ECR refused a value of the request: the fix is in what was sent, not a retry or a permission. */
    public boolean isInvalidParameter() {
        String code = answer.errorCode();
        return code != null
                && (code.equals("InvalidParameterException")
                        || code.equals("ValidationException")
                        || code.equals("InvalidTagParameterException"));
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
