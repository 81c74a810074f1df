package io.github.ecrmavenplugin.registry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call to ECR failed for good (after the SDK's retries). Carries what a user needs to act on it: the operation,
 * ECR's error code and message, the request ID to quote to AWS support, how many attempts were made, and the
 * resource the call was about. Never carries credentials.
 */
public final class RegistryException extends RuntimeException {

    /** How IAM names the resource in an access-denied message: "... on resource: arn:aws:ecr:... because ...". */
    private static final Pattern DENIED_RESOURCE = Pattern.compile("on resource: (\\S+)");

    private final String operation;
    private final String errorCode;
    private final String errorMessage;
    private final String requestId;
    private final String resource;
    private final Integer attempts;

    public RegistryException(String operation, String errorCode, String message, String requestId,
            Throwable cause) {
        this(operation, errorCode, message, requestId, null, null, cause);
    }

    /**
     * @param resource what the call was about, e.g. {@code repository team/app}; {@code null} when unknown
     * @param attempts how many times the SDK tried; {@code null} when unknown
     */
    public RegistryException(String operation, String errorCode, String message, String requestId, String resource,
            Integer attempts, Throwable cause) {
        super(describe(operation, errorCode, message, requestId, attempts), cause);
        this.operation = operation;
        this.errorCode = errorCode;
        this.errorMessage = message;
        this.requestId = requestId;
        this.resource = deniedResource(message).orElse(resource);
        this.attempts = attempts;
    }

    private static String describe(String operation, String errorCode, String message, String requestId,
            Integer attempts) {
        StringBuilder text = new StringBuilder("ECR ").append(operation).append(" failed");
        if (attempts != null && attempts > 1) {
            text.append(" after ").append(attempts).append(" attempts");
        }
        if (errorCode != null) {
            text.append(" with ").append(errorCode);
        }
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        if (requestId != null) {
            text.append(" (request ID ").append(requestId).append(')');
        }
        return text.toString();
    }

    private static Optional<String> deniedResource(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher matcher = DENIED_RESOURCE.matcher(message);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * The same failure, counting one more attempt made before the SDK's own: a read that failed on the direct route
     * and was then made again through the SDK (the direct reads under {@code SdkRegistry}).
     */
    public RegistryException afterOneMoreAttempt() {
        return new RegistryException(operation, errorCode, errorMessage, requestId, resource,
                attempts == null ? null : attempts + 1, getCause());
    }

    /** The ECR operation, e.g. {@code SetRepositoryPolicy}. */
    public String operation() {
        return operation;
    }

    /** The IAM action the operation needs, e.g. {@code ecr:SetRepositoryPolicy}. */
    public String iamAction() {
        return "ecr:" + operation;
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The resource the call was about: an ARN from an access-denied message, or e.g. {@code repository a/b}. */
    public Optional<String> resource() {
        return Optional.ofNullable(resource);
    }

    /** How many attempts the SDK made, the first included. */
    public Optional<Integer> attempts() {
        return Optional.ofNullable(attempts);
    }

    /** The SDK found no credentials anywhere in its chain. */
    public boolean isMissingCredentials() {
        return errorCode == null && getCause() != null && getCause().getMessage() != null
                && getCause().getMessage().startsWith("Unable to load credentials");
    }

    /** IAM said no: the fix is a permission, not a retry. */
    public boolean isAccessDenied() {
        return errorCode != null && (errorCode.equals("AccessDeniedException") || errorCode.equals("AccessDenied")
                || errorCode.equals("UnauthorizedOperation"));
    }

    /** The call ran out of its time budget ({@code timeout}) or of attempts ({@code maxAttempts}) on faults. */
    public boolean isTimeout() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
