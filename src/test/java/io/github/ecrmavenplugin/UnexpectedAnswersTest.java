package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ecrmavenplugin.aws.AuthorizationTokens;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Answers real ECR never gives end the build plainly, as a MojoExecutionException saying what came back. */
class UnexpectedAnswersTest {

    private EcrEmulator emulator;

    @BeforeEach
    void start() {
        emulator = EcrEmulator.builder().build().start();
        MojoRunner.installCredentials();
        AuthorizationTokens.clear();
    }

    @AfterEach
    void stop() {
        MojoRunner.removeCredentials();
        AuthorizationTokens.clear();
        emulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "NONE",
            value = {
                "no authorization data, NONE, no authorization data",
                "a token that is not base64, %%%not-base64%%%, a token that is not base64",
                "a token without a colon, " + "QVdTcGFzc3dvcmQ=" + ", a token that is not of the form <user>:<password>"
            })
    void aMalformedAuthorizationTokenIsReportedWithoutIt(String what, String token, String expected) {
        emulator.faults().malformedAuthorizationToken(token);
        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("jibAuth", true);

        MojoExecutionException e = assertThrows(MojoExecutionException.class, goal::execute);

        assertEquals(
                "ECR GetAuthorizationToken failed: ECR answered with " + expected + "; check that <endpoint> "
                        + "is an ECR endpoint, and try again",
                e.getMessage());
        if (token != null) {
            assertFalse(MojoRunner.messages(e).contains(token), "the token's text is not repeated");
            assertFalse(goal.logText()
                    .contains(new String(Base64.getDecoder().decode("QVdTcGFzc3dvcmQ="), StandardCharsets.UTF_8)));
        }
    }
}
