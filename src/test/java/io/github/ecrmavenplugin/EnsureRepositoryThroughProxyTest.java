package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.proxy.BehindProxy;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The goal behind a settings.xml proxy that demands credentials, with ECR over HTTPS as in real life: what the
 * user sees when the credentials are right, wrong, or missing.
 */
class EnsureRepositoryThroughProxyTest extends BehindProxy {

    private static final String PROXY_PASSWORD = "proxy-secret-5d1c";

    @BeforeEach
    void start() {
        proxy.requireCredentials("build", PROXY_PASSWORD);
        MojoRunner.installCredentials();
    }

    @AfterEach
    void stop() {
        MojoRunner.removeCredentials();
    }

    @Test
    void theProxyCredentialsOpenTheHttpsTunnel() throws Exception {
        MojoRunner goal = goal("build", PROXY_PASSWORD);

        goal.execute();

        assertTrue(
                goal.log()
                        .contains("[INFO] AWS calls go through proxy 127.0.0.1:" + proxy.port()
                                + " (settings.xml proxy 'corp', user build)"),
                goal.logText());
        assertTrue(goal.log().stream().noneMatch(line -> line.startsWith("[WARNING]")), goal.logText());
        assertFalse(goal.logText().contains(PROXY_PASSWORD));
        assertTrue(emulator.repository("app").isPresent());
        assertFalse(proxy.requests().isEmpty());
        assertTrue(
                proxy.requests().stream().allMatch(r -> r.method().equals("CONNECT") && r.authenticated()),
                proxy.requests().toString());
    }

    @Test
    void aWrongProxyPasswordNamesTheSettingsProxyToFix() {
        MojoRunner goal = goal("build", "not-the-proxy-password");

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertEquals(
                "Proxy 127.0.0.1:" + proxy.port() + " refused the credentials of settings.xml proxy 'corp' "
                        + "(HTTP 407 Proxy Authentication Required). Check the <username> and <password> of <proxy> 'corp' in "
                        + "settings.xml (an encrypted password is decrypted with settings-security.xml)",
                e.getMessage());
        assertFalse(MojoRunner.messages(e).contains("not-the-proxy-password"), MojoRunner.messages(e));
        assertFalse(goal.logText().contains("not-the-proxy-password"), goal.logText());
        assertEquals(List.of(), emulator.calls(), "nothing got past the proxy");
    }

    @Test
    void aWrongProxyPasswordOnTheWayToStsNamesTheSettingsProxyToo() {
        MojoRunner goal = goal("build", "not-the-proxy-password")
                .set("roleArn", "arn:aws:iam::123456789012:role/via-proxy")
                .set("stsEndpoint", emulator.httpsEndpoint().toString());

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(
                e.getMessage()
                        .startsWith("Proxy 127.0.0.1:" + proxy.port() + " refused the credentials of "
                                + "settings.xml proxy 'corp'"),
                e.getMessage());
        assertEquals(List.of(), emulator.calls());
    }

    @Test
    void aProxyDemandingCredentialsThatSettingsDoNotGiveSaysWhereToAddThem() {
        MojoRunner goal = goal(null, null);

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertEquals(
                "Proxy 127.0.0.1:" + proxy.port() + " demands credentials (HTTP 407 Proxy Authentication "
                        + "Required), and settings.xml proxy 'corp' has none. Add <username> and <password> to <proxy> 'corp' "
                        + "in settings.xml, or list the AWS endpoints in its <nonProxyHosts> if they can be reached without "
                        + "the proxy",
                e.getMessage());
    }

    private MojoRunner goal(String user, String password) {
        return MojoRunner.ensureRepository(emulator)
                .set("endpoint", emulator.httpsEndpoint().toString())
                .settingsProxy(proxy.port(), user, password);
    }
}
