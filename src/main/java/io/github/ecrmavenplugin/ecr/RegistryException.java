package io.github.ecrmavenplugin.ecr;

import java.util.Optional;

/**
 * A call to ECR failed for good (after the SDK's retries). Carries what a user needs to act on it: the operation,
 * ECR's error code and message, and the request ID to quote to AWS support. Never carries credentials.
 */
public final class RegistryException extends RuntimeException {

    private final String operation;
    private final String errorCode;
    private final String requestId;

    public RegistryException(String operation, String errorCode, String message, String requestId,
            Throwable cause) {
        super(describe(operation, errorCode, message, requestId), cause);
        this.operation = operation;
        this.errorCode = errorCode;
        this.requestId = requestId;
    }

    private static String describe(String operation, String errorCode, String message, String requestId) {
        StringBuilder text = new StringBuilder("ECR ").append(operation).append(" failed");
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
}
