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

    /**
     * A failed call of this kind.
     *
     * @param answer what ECR answered; {@link Answer#NONE} when the call failed before an answer (no credentials, a
     *               time-out, a connection or TLS failure, a proxy's refusal)
     */
    public static RegistryException of(Kind kind, Call call, String reason, Answer answer, Throwable cause) {
        return new RegistryException(call, kind, reason, answer, cause);
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
