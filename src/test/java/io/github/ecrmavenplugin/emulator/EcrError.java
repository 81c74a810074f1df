package io.github.ecrmavenplugin.emulator;

/**
 * An error answered on the ECR wire: {@code {"__type": type, "message": message}} with an HTTP status.
 * Thrown anywhere inside an operation; the protocol handler turns it into the response.
 */
final class EcrError extends RuntimeException {

    private final String type;
    private final int status;

    EcrError(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    /** Most ECR errors are client faults and come back as HTTP 400. */
    static EcrError of(String type, String message) {
        return new EcrError(type, 400, message);
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }

    static EcrError invalidParameter(String message) {
        return of("InvalidParameterException", message);
    }

    /** The message shape ECR uses for a parameter that breaks a documented constraint. */
    static EcrError invalidParameter(String parameter, String constraint) {
        return invalidParameter(
                "Invalid parameter at '" + parameter + "' failed to satisfy constraint: '" + constraint + "'");
    }

    static EcrError repositoryNotFound(String name, String registryId) {
        return of(
                "RepositoryNotFoundException",
                "The repository with name '" + name + "' does not exist in the registry with id '" + registryId + "'");
    }

    static EcrError repositoryAlreadyExists(String name, String registryId) {
        return of(
                "RepositoryAlreadyExistsException",
                "The repository with name '" + name + "' already exists in the registry with id '" + registryId + "'");
    }
}
