package io.github.ecrmavenplugin.emulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access keys the emulator knows, whose signatures it checks: long-term keys a test registers ({@link #add}), and
 * the temporary credentials its STS hands out. ECR calls signed with a temporary key must also carry its session
 * token ({@code X-Amz-Security-Token}), as with real STS credentials; so a test passes only if the client really
 * used what {@code AssumeRole} answered, or really had the registered secret. Keys it does not know are handled
 * as before (see {@link EcrEmulator.Builder#credentials}).
 */
public final class Identities {

    private static final String KEY_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One {@code AssumeRole} that succeeded.
     *
     * @param roleArn           the role assumed
     * @param sessionName       the role session name asked for
     * @param externalId        the external ID sent, or {@code null}
     * @param callerAccessKeyId who asked (the key that signed the AssumeRole call)
     * @param accessKeyId       the temporary access key ID handed out ({@code ASIA...})
     * @param secretAccessKey   its secret
     * @param sessionToken      its session token
     * @param expiration        when it expires
     */
    public record Session(
            String roleArn,
            String sessionName,
            String externalId,
            String callerAccessKeyId,
            String accessKeyId,
            String secretAccessKey,
            String sessionToken,
            Instant expiration) {

        @Override
        public String toString() {
            return "Session[" + roleArn + ", " + sessionName + ", caller " + callerAccessKeyId + ", key " + accessKeyId
                    + "]";
        }
    }

    private final Map<String, Session> byAccessKey = new ConcurrentHashMap<>();
    private final List<Session> issued = new ArrayList<>(); // guarded by itself
    private final Map<String, String> requiredExternalIds = new ConcurrentHashMap<>();
    private final Map<String, String> longTermKeys = new ConcurrentHashMap<>();

    /** A long-term key whose requests must be signed with {@code secretAccessKey}; other keys are unaffected. */
    public void add(String accessKeyId, String secretAccessKey) {
        longTermKeys.put(accessKeyId, secretAccessKey);
    }

    /** The secret of a known key, registered or issued. */
    Optional<String> secretOf(String accessKeyId) {
        if (accessKeyId == null) {
            return Optional.empty();
        }
        return find(accessKeyId)
                .map(Session::secretAccessKey)
                .or(() -> Optional.ofNullable(longTermKeys.get(accessKeyId)));
    }

    Session issue(String roleArn, String sessionName, String externalId, String callerAccessKeyId, Instant expiration) {
        Session session = new Session(
                roleArn,
                sessionName,
                externalId,
                callerAccessKeyId,
                "ASIA" + random(KEY_ID_CHARS, 16),
                random(null, 40),
                random(null, 120),
                expiration);
        byAccessKey.put(session.accessKeyId(), session);
        synchronized (issued) {
            issued.add(session);
        }
        return session;
    }

    /** An issued session by its temporary access key ID. */
    Optional<Session> find(String accessKeyId) {
        return accessKeyId == null ? Optional.empty() : Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    /** Every session STS handed out, in order. */
    public List<Session> all() {
        synchronized (issued) {
            return List.copyOf(issued);
        }
    }

    /** Makes the role's trust policy demand this external ID, as a third-party role's does. */
    public void requireExternalId(String roleArn, String externalId) {
        requiredExternalIds.put(roleArn, externalId);
    }

    Optional<String> requiredExternalId(String roleArn) {
        return Optional.ofNullable(requiredExternalIds.get(roleArn));
    }

    void clear() {
        byAccessKey.clear();
        requiredExternalIds.clear();
        longTermKeys.clear();
        synchronized (issued) {
            issued.clear();
        }
    }

    private static String random(String alphabet, int length) {
        String chars = alphabet != null ? alphabet : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return text.toString();
    }
}
