package io.github.ecrmavenplugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accepted findings of the POM and of an ignore file, each field of an entry optional but its id. */
class AcceptedFindingsTest {

    private static final Path FILE = Path.of("config", ".ecr-ignore");

    @TempDir
    Path directory;

    @Test
    void anIgnoreFileLineMayHoldTheIdAloneOrTheIdAndALastDay() throws Exception {
        List<AcceptedFinding> accepted =
                AcceptedFindings.parse(List.of("CVE-2024-0001", "  CVE-2024-0002   2026-12-31  "), FILE);

        assertEquals(
                List.of(
                        new AcceptedFinding("CVE-2024-0001", Optional.empty(), "", ".ecr-ignore line 1"),
                        new AcceptedFinding(
                                "CVE-2024-0002", Optional.of(LocalDate.parse("2026-12-31")), "", ".ecr-ignore line 2")),
                accepted);
    }

    @Test
    void anIgnoreFileIsReadFromDiskAndOneThatCannotBeReadNamesTheParameter() throws Exception {
        Path file = directory.resolve(".ecr-ignore");
        Files.write(file, List.of("# accepted", "CVE-2024-3094 2026-12-31 not reachable"), StandardCharsets.UTF_8);

        assertEquals(
                List.of(new AcceptedFinding(
                        "CVE-2024-3094",
                        Optional.of(LocalDate.parse("2026-12-31")),
                        "not reachable",
                        ".ecr-ignore line 2")),
                AcceptedFindings.read(file));

        Path missing = directory.resolve("missing");
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> AcceptedFindings.read(missing));
        assertEquals("ignoreFile", e.parameter());
        assertTrue(e.getMessage().contains("cannot read " + missing), e.getMessage());
        assertTrue(e.getMessage().contains("drop <ignoreFile> (-Decr.ignoreFile)"), e.getMessage());
    }

    @Test
    void aPomEntryMayLeaveTheLastDayAndTheReasonOut() throws Exception {
        assertEquals(
                new AcceptedFinding("CVE-2024-3094", Optional.empty(), "", "<ignoredFindings> entry 1"),
                AcceptedFindings.of(" CVE-2024-3094 ", null, null, "<ignoredFindings> entry 1"));
        assertEquals(
                new AcceptedFinding("CVE-2024-3094", Optional.empty(), "why", "<ignoredFindings> entry 2"),
                AcceptedFindings.of("CVE-2024-3094", "  ", " why ", "<ignoredFindings> entry 2"));
        assertEquals(
                Optional.of(LocalDate.parse("2026-12-31")),
                AcceptedFindings.of("CVE-2024-3094", " 2026-12-31 ", "", "<ignoredFindings> entry 3")
                        .expires());
    }

    @Test
    void aPomEntryNeedsAnIdWithoutSpaces() {
        for (String id : new String[] {null, "", "  ", "CVE-2024-3094 CVE-2024-3095"}) {
            InvalidConfigurationException e = assertThrows(
                    InvalidConfigurationException.class,
                    () -> AcceptedFindings.of(id, null, "why", "<ignoredFindings> entry 4"));
            assertEquals("ignoredFindings", e.parameter());
            assertTrue(e.getMessage().contains("(<ignoredFindings> entry 4)"), e.getMessage());
        }
    }

    @Test
    void anAcceptanceRunsOutTheDayAfterItsLastDay() {
        LocalDate last = LocalDate.parse("2026-12-31");
        AcceptedFinding accepted = new AcceptedFinding("CVE-1", Optional.of(last), "", "pom");
        assertEquals(false, accepted.expiredOn(last));
        assertEquals(true, accepted.expiredOn(last.plusDays(1)));
        assertEquals(false, new AcceptedFinding("CVE-1", Optional.empty(), "", "pom").expiredOn(LocalDate.MAX));
    }
}
