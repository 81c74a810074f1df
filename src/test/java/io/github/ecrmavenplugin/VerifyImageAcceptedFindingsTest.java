package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import io.github.ecrmavenplugin.emulator.ScanPlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Accepted findings cannot fail open: a last day written in any other form than {@code yyyy-MM-dd} fails the build
 * before any call, in the ignore file (naming the file and the line) as in the POM, instead of turning the entry
 * into one that never expires.
 */
class VerifyImageAcceptedFindingsTest {

    @RegisterExtension
    final EmulatorExtension emulatorExtension = MojoRunner.withCredentials(
            EmulatorExtension.perTest(EcrEmulator.builder().registryHost("127.0.0.1:5443")));

    private final EcrEmulator emulator = emulatorExtension.emulator();

    @TempDir
    Path directory;

    /** app:1.0 with a CRITICAL finding, CVE-2024-3094, which a HIGH gate fails on unless it is accepted. */
    @BeforeEach
    void criticalImage() {
        emulator.seedRepository(new RepositorySeed("app").scanOnPush(true));
        emulator.scanPlan("app", new ScanPlan(Duration.ZERO, Duration.ZERO, "COMPLETE", "BASIC", "critical", null));
        emulator.registerPush("app", "1.0", null, null);
        emulator.clearCalls();
    }

    private MojoRunner gate(Path ignoreFile) {
        return MojoRunner.verifyImage(emulator).set("failOnSeverity", "HIGH").set("ignoreFile", ignoreFile.toFile());
    }

    private Path ignoreFile(String... lines) throws Exception {
        Path file = directory.resolve(".ecr-ignore");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "2020/01/31",
                "2020-1-31",
                "31.01.2020",
                "2020-02-30",
                "20200131",
                "2099-12-31T00:00",
                "Dec-31-2020",
                "january.2020",
                "Mar31"
            })
    void aLastDayThatIsNoIsoDateFailsNamingTheFileAndLine(String date) throws Exception {
        Path file = ignoreFile("# accepted findings", "CVE-2099-1111 " + date + " temporary");

        MojoFailureException e = assertThrows(MojoFailureException.class, gate(file)::execute);

        assertTrue(e.getMessage().contains("<ignoreFile>"), e.getMessage());
        assertTrue(e.getMessage().contains(file + " line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + date + "' is not a date"), e.getMessage());
        assertTrue(e.getMessage().contains("yyyy-MM-dd"), e.getMessage());
        assertEquals(List.of(), emulator.calls(), "no call reached AWS");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2020/01/31", "2020-1-31", "31.01.2020"})
    void thePomsExpiresRefusesTheSameDates(String date) {
        IgnoredFindingParameters entry = new IgnoredFindingParameters();
        entry.id = "CVE-2024-3094";
        entry.expires = date;
        entry.reason = "temporary";

        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> MojoRunner.verifyImage(emulator)
                        .set("failOnSeverity", "HIGH")
                        .set("ignoredFindings", List.of(entry))
                        .execute());

        assertTrue(e.getMessage().contains("<ignoredFindings>"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + date + "' is not a date"), e.getMessage());
        assertTrue(e.getMessage().contains("yyyy-MM-dd"), e.getMessage());
        assertEquals(List.of(), emulator.calls(), "no call reached AWS");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "accepted by the security team (SEC-142)",
                "Decided by the security team in 2026",
                "May 2026 rebuild removes it",
                "Marked v2-safe"
            })
    void aReasonThatStartsWithAWordNeedsNoDate(String reason) throws Exception {
        Path file = ignoreFile("CVE-2024-3094   " + reason);

        MojoRunner goal = gate(file);
        goal.execute();

        assertTrue(goal.logText().contains("Accepted (ignored) findings: CVE-2024-3094"), goal.logText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CVE-2024-309", "CVE-2024-30*", "CVE-2024-3094*", "CVE-2024-30940", "CVE-2024-3094,"})
    void anEntryThatOnlyResemblesTheIdAcceptsNothing(String id) throws Exception {
        Path file = ignoreFile(id + "   2099-12-31   not reachable");

        MojoFailureException e = assertThrows(MojoFailureException.class, gate(file)::execute);

        assertTrue(e.getMessage().contains("ECR found 1 finding at or above HIGH"), e.getMessage());
    }

    @Test
    void anEntryInAnotherCaseAcceptsAndOneExpiredYesterdayDoesNot() throws Exception {
        MojoRunner lowerCase = gate(ignoreFile("cve-2024-3094   2099-12-31   not reachable"));
        lowerCase.execute();
        assertTrue(lowerCase.logText().contains("Accepted (ignored) findings: CVE-2024-3094"), lowerCase.logText());

        String yesterday =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                gate(ignoreFile("CVE-2024-3094   " + yesterday + "   not reachable"))::execute);
        assertTrue(e.getMessage().contains("ECR found 1 finding at or above HIGH"), e.getMessage());
    }

    @Test
    void aValidLastDayStillAccepts() throws Exception {
        Path file = ignoreFile("CVE-2024-3094   2099-12-31   not reachable");

        MojoRunner goal = gate(file);
        goal.execute();

        assertTrue(goal.logText().contains("Accepted (ignored) findings: CVE-2024-3094"), goal.logText());
    }
}
