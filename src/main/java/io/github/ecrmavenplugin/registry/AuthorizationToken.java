package io.github.ecrmavenplugin.registry;

import java.time.Instant;

/**
 * Docker credentials for an ECR registry, from {@code GetAuthorizationToken}. The password is a secret:
 * {@link #toString()} never shows it, so it cannot reach a log by accident.
 *
 * @param username      always {@code AWS} for ECR
 * @param password      the registry password (secret)
 * @param expiresAt     when ECR stops accepting it (12 hours after issue)
 * @param proxyEndpoint the registry's URL, e.g. {@code https://123456789012.dkr.ecr.eu-west-1.amazonaws.com}
 */
public record AuthorizationToken(String username, String password, Instant expiresAt, String proxyEndpoint) {

    /** Still good for at least {@code margin} seconds. */
    public boolean isValidFor(long marginSeconds, Instant now) {
        return expiresAt.isAfter(now.plusSeconds(marginSeconds));
    }

    @Override
    public String toString() {
        return "AuthorizationToken[username=" + username + ", password=****, expiresAt=" + expiresAt
                + ", proxyEndpoint=" + proxyEndpoint + "]";
    }
}
