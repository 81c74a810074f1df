package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.registry.AuthorizationToken;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One authorization token per registry per build: every module of a reactor that pushes to the same registry
 * shares it. A token is valid for 12 hours; one with less than an hour left is fetched again, so a long build
 * never hands Jib a token that expires mid-push.
 */
public final class AuthorizationTokens {

    private static final long MIN_REMAINING_SECONDS = 3600;
    private static final Map<Object, AuthorizationToken> TOKENS = new ConcurrentHashMap<>();

    private AuthorizationTokens() {}

    /**
     * @param key   what identifies the registry and the identity asking, e.g. connection settings and registry ID
     * @param fetch fetches a fresh token
     */
    public static AuthorizationToken get(Object key, Supplier<AuthorizationToken> fetch, Clock clock) {
        return TOKENS.compute(key, (k, cached) -> Optional.ofNullable(cached)
                .filter(token -> token.isValidFor(MIN_REMAINING_SECONDS, clock.instant()))
                .orElseGet(fetch));
    }
}
