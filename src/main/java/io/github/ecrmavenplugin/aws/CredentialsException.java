package io.github.ecrmavenplugin.aws;

/**
 * No usable AWS credentials: none found, a role that cannot be assumed, or STS out of reach. The message says
 * which source was tried and how to fix it; it never carries a secret.
 */
public final class CredentialsException extends RuntimeException {

    private final boolean configurationProblem;

    CredentialsException(String message, boolean configurationProblem, Throwable cause) {
        super(message, cause);
        this.configurationProblem = configurationProblem;
    }

    /** True when the user can fix it (missing credentials, a denied role); false when STS was unreachable. */
    public boolean isConfigurationProblem() {
        return configurationProblem;
    }
}
