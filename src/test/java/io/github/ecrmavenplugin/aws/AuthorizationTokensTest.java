package io.github.ecrmavenplugin.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.registry.AuthorizationToken;
import io.github.ecrmavenplugin.registry.RegistryException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/** The token cache (per registry and caller, emptied at the end of a build) and how a token is read. */
class AuthorizationTokensTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @AfterEach
    void clear() {
        AuthorizationTokens.clear();
    }

    private static AuthorizationToken token(String password) {
        return new AuthorizationToken("AWS", password, NOW.plusSeconds(12 * 3600), "https://registry");
    }

    @Test
    void oneTokenPerRegistryAndCaller() {
        AtomicInteger fetches = new AtomicInteger();
        AuthorizationToken first = AuthorizationTokens.get(
                "registry", "AKIAFIRSTCALLER00001", () -> token("pw-" + fetches.incrementAndGet()), CLOCK);
        AuthorizationToken again = AuthorizationTokens.get(
                "registry", "AKIAFIRSTCALLER00001", () -> token("pw-" + fetches.incrementAndGet()), CLOCK);
        AuthorizationToken other = AuthorizationTokens.get(
                "registry", "AKIAOTHERCALLER00002", () -> token("pw-" + fetches.incrementAndGet()), CLOCK);
        assertSame(first, again);
        assertEquals("pw-2", other.password(), "another caller never gets the first caller's token");
        assertEquals(2, fetches.get());
    }

    @Test
    void clearForgetsEveryToken() {
        AuthorizationTokens.get("registry", "AKIAFIRSTCALLER00001", () -> token("pw"), CLOCK);
        assertEquals(1, AuthorizationTokens.size());
        AuthorizationTokens.clear();
        assertEquals(0, AuthorizationTokens.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"not base64,%%%", "no colon,AWSpassword", "no password,AWS:", "no user,:password"})
    void aTokenOfAnotherShapeIsReportedWithoutItsText(String what, String decoded) {
        String text = what.equals("not base64")
                ? decoded
                : Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
        AuthorizationData data = AuthorizationData.builder()
                .authorizationToken(text)
                .expiresAt(NOW)
                .proxyEndpoint("https://registry")
                .build();
        RegistryException e = assertThrows(RegistryException.class, () -> SdkRegistry.token(List.of(data)));
        assertTrue(
                e.getMessage().startsWith("ECR GetAuthorizationToken failed: ECR answered with a token"),
                e.getMessage());
        assertFalse(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void anAnswerWithoutAuthorizationDataIsReported() {
        RegistryException e = assertThrows(RegistryException.class, () -> SdkRegistry.token(List.of()));
        assertEquals(
                "ECR GetAuthorizationToken failed: ECR answered with no authorization data; check that "
                        + "<endpoint> is an ECR endpoint, and try again",
                e.getMessage());
    }
}
