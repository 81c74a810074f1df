package io.github.ecrmavenplugin.scan;

/**
 * verify-image cannot vouch for the image: it is not the one the build pushed, it is missing, or its findings fail
 * the gate or are not known. The message says which, and what to do.
 */
public final class VerificationFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public VerificationFailure(String message) {
        super(message);
    }
}
