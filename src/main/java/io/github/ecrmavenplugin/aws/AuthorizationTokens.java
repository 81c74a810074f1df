package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.registry.AuthorizationToken;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One authorization token per registry and identity per build: every module of a reactor that pushes to the same
 * registry as the same caller shares it. A token is valid for 12 hours; one with less than an hour left is fetched
 * again, so a long build never hands Jib a token that expires mid-push. The cache is emptied when the build ends
 * ({@link #clear()}): a daemon (mvnd) or an IDE runs many builds in one JVM, perhaps as other callers, and a token
 * is a password.
 */
public final class AuthorizationTokens {

    private static final long MIN_REMAINING_SECONDS = 3600;
    private static final Map<Object, AuthorizationToken> TOKENS = new ConcurrentHashMap<>();

    private AuthorizationTokens() {}

    /**
     * A token for {@code key} that is valid for another hour at least: the cached one, or a fresh one.
     *
     * @param key      what identifies the registry and how it is reached, e.g. connection settings and registry ID
     * @param identity who asks: the access key ID the token is fetched with, so a token is never handed to another
     *                 caller
     * @param fetch    fetches a fresh token
     */
    public static AuthorizationToken get(Object key, String identity, Supplier<AuthorizationToken> fetch, Clock clock) {
        return TOKENS.compute(
                List.of(key, identity),
                (k, cached) -> Optional.ofNullable(cached)
                        .filter(token -> token.isValidFor(MIN_REMAINING_SECONDS, clock.instant()))
                        .orElseGet(fetch));
    }

    /** Forgets every token: called when the build ends. */
    public static void clear() {
        TOKENS.clear();
    }

    /** How many tokens are cached, for tests. */
    static int size() {
        return TOKENS.size();
    }
}
