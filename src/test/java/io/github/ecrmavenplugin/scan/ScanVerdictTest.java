package io.github.ecrmavenplugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.Severity;
import io.github.ecrmavenplugin.registry.Finding;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanVerdictTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-30");

    static Finding finding(String id, Severity severity) {
        return new Finding(
                id,
                severity,
                Optional.of("pkg"),
                Optional.of("1.0"),
                Optional.empty(),
                Optional.of("https://example.org/" + id),
                Optional.empty(),
                "BASIC");
    }

    private static final List<Finding> FINDINGS = List.of(
            finding("CVE-1", Severity.MEDIUM),
            finding("CVE-2", Severity.CRITICAL),
            finding("CVE-3", Severity.HIGH),
            finding("CVE-4", Severity.LOW));

    @Test
    void findingsAtOrAboveTheThresholdFailWorstFirst() {
        ScanVerdict verdict = ScanVerdict.of(FINDINGS, Optional.of(Severity.HIGH), List.of(), TODAY);
        assertTrue(verdict.fails());
        assertEquals(
                List.of("CVE-2", "CVE-3"),
                verdict.blocking().stream().map(Finding::id).toList());
        assertEquals(4, verdict.total());
        assertEquals(1L, verdict.counts().get(Severity.CRITICAL));
    }

    @Test
    void withoutAThresholdNothingFails() {
        assertFalse(ScanVerdict.of(FINDINGS, Optional.empty(), List.of(), TODAY).fails());
    }

    @Test
    void anAcceptedFindingDoesNotFailUntilItsLastDayHasPassed() {
        AcceptedFinding untilToday = new AcceptedFinding("cve-2", Optional.of(TODAY), "why", "pom");
        ScanVerdict accepted = ScanVerdict.of(FINDINGS, Optional.of(Severity.CRITICAL), List.of(untilToday), TODAY);
        assertFalse(accepted.fails());
        assertEquals(
                List.of("CVE-2"), accepted.accepted().stream().map(Finding::id).toList());

        ScanVerdict expired =
                ScanVerdict.of(FINDINGS, Optional.of(Severity.CRITICAL), List.of(untilToday), TODAY.plusDays(1));
        assertTrue(expired.fails());
        assertEquals(List.of(untilToday), expired.expired());
        assertTrue(expired.accepted().isEmpty());
    }

    @Test
    void thresholdsAreTheRatedSeverities() throws Exception {
        assertEquals(Severity.HIGH, Severity.threshold("high", "failOnSeverity"));
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> Severity.threshold("SEVERE", "failOnSeverity"));
        assertTrue(
                e.getMessage().contains("CRITICAL, HIGH") || e.getMessage().contains("INFORMATIONAL"), e.getMessage());
        assertThrows(InvalidConfigurationException.class, () -> Severity.threshold("UNDEFINED", "failOnSeverity"));
        assertEquals(Severity.UNDEFINED, Severity.fromRegistry("UNTRIAGED"));
    }

    @Test
    void ignoreFileLinesHoldIdOptionalLastDayAndReason() throws Exception {
        List<AcceptedFinding> accepted = AcceptedFindings.parse(
                List.of(
                        "# id  last-day  reason",
                        "",
                        "CVE-2024-3094  2026-12-31  not reachable: liblzma is never loaded",
                        "GHSA-abcd-efgh-ijkl   accepted by security (SEC-142)"),
                java.nio.file.Path.of("config", ".ecr-ignore"));
        assertEquals(2, accepted.size());
        assertEquals(
                new AcceptedFinding(
                        "CVE-2024-3094",
                        Optional.of(LocalDate.parse("2026-12-31")),
                        "not reachable: liblzma is never loaded",
                        ".ecr-ignore line 3"),
                accepted.get(0));
        assertEquals(Optional.empty(), accepted.get(1).expires());
        assertEquals("accepted by security (SEC-142)", accepted.get(1).reason());
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> AcceptedFindings.of("CVE-1", "31.12.2026", "", "<ignoredFindings> entry 1"));
        assertTrue(e.getMessage().contains("yyyy-MM-dd"), e.getMessage());
        InvalidConfigurationException inFile = assertThrows(
                InvalidConfigurationException.class,
                () -> AcceptedFindings.parse(
                        List.of("CVE-1 2026.12.31 temporary"), java.nio.file.Path.of("config", ".ecr-ignore")));
        assertEquals("ignoreFile", inFile.parameter());
        assertTrue(inFile.getMessage().contains("config/.ecr-ignore line 1"), inFile.getMessage());
    }

    @Test
    void theTableShowsTheWorstAndSaysHowManyMore() {
        List<String> rows = ScanTable.rows(
                ScanVerdict.of(FINDINGS, Optional.of(Severity.LOW), List.of(), TODAY)
                        .blocking(),
                2);
        assertTrue(rows.get(0).startsWith("VULNERABILITY"), rows.get(0));
        assertTrue(
                rows.get(1).startsWith("CVE-2")
                        && rows.get(1).contains("CRITICAL")
                        && rows.get(1).contains("pkg 1.0")
                        && rows.get(1).contains("https://example.org/CVE-2"),
                rows.get(1));
        assertEquals("... and 2 more (all of them in the scan report)", rows.get(3));
        assertEquals(
                "CRITICAL 1, HIGH 1, MEDIUM 1, LOW 1, INFORMATIONAL 0",
                ScanTable.counts(ScanVerdict.of(FINDINGS, Optional.empty(), List.of(), TODAY)
                        .counts()));
    }

    @Test
    void anAcceptanceStillRunningIsNotExpiredAndAnExpiredOneIsNamedOnceForAllItsFindings() {
        AcceptedFinding untilToday = new AcceptedFinding("CVE-2", Optional.of(TODAY), "why", "pom");
        assertEquals(
                List.of(),
                ScanVerdict.of(FINDINGS, Optional.of(Severity.HIGH), List.of(untilToday), TODAY)
                        .expired());

        List<Finding> twoPackages = List.of(finding("CVE-2", Severity.CRITICAL), finding("CVE-2", Severity.HIGH));
        ScanVerdict verdict =
                ScanVerdict.of(twoPackages, Optional.of(Severity.HIGH), List.of(untilToday), TODAY.plusDays(1));
        assertEquals(List.of(untilToday), verdict.expired());
        assertEquals(2, verdict.blocking().size());
    }

    @Test
    void blockingAndAcceptedFindingsAreListedWorstFirstWhateverOrderEcrGaveThem() {
        List<Finding> leastFirst = List.of(
                finding("CVE-4", Severity.LOW),
                finding("CVE-3", Severity.HIGH),
                finding("CVE-1", Severity.MEDIUM),
                finding("CVE-2", Severity.CRITICAL));
        AcceptedFinding low = new AcceptedFinding("CVE-4", Optional.empty(), "why", "pom");
        AcceptedFinding medium = new AcceptedFinding("CVE-1", Optional.empty(), "why", "pom");

        ScanVerdict verdict = ScanVerdict.of(leastFirst, Optional.of(Severity.LOW), List.of(low, medium), TODAY);

        assertEquals(
                List.of("CVE-2", "CVE-3"),
                verdict.blocking().stream().map(Finding::id).toList());
        assertEquals(
                List.of("CVE-1", "CVE-4"),
                verdict.accepted().stream().map(Finding::id).toList());
        assertEquals(
                0,
                ScanVerdict.of(List.of(), Optional.of(Severity.LOW), List.of(), TODAY)
                        .total());
    }

    @Test
    void eachRowOfTheTableIsAlignedAndTheLastColumnIsNotPadded() {
        List<Finding> two = List.of(finding("CVE-2", Severity.CRITICAL), finding("CVE-10", Severity.LOW));

        List<String> rows = ScanTable.rows(two, 2);

        assertEquals(
                List.of(
                        "VULNERABILITY  SEVERITY  PACKAGE  FIXED IN  LINK",
                        "CVE-2          CRITICAL  pkg 1.0  -         https://example.org/CVE-2",
                        "CVE-10         LOW       pkg 1.0  -         https://example.org/CVE-10"),
                rows);
        assertEquals(
                "CRITICAL 0, HIGH 0, MEDIUM 0, LOW 0, INFORMATIONAL 0, UNDEFINED 3",
                ScanTable.counts(java.util.Map.of(Severity.UNDEFINED, 3L)));
    }

    @Test
    void aGateWithoutASeverityOnlyReportsAndPlanModeNeverGates() throws Exception {
        ScanGate none = ScanGate.of(null, "10m", false, List.of(), false);
        assertEquals(Optional.empty(), none.threshold());
        assertFalse(none.gates());
        assertEquals(java.time.Duration.ofMinutes(10), none.timeout());

        ScanGate high = ScanGate.of("high", "10m", false, List.of(), false);
        assertEquals(Optional.of(Severity.HIGH), high.threshold());
        assertTrue(high.gates());

        ScanGate plan = ScanGate.of("high", "10m", true, List.of(), false);
        assertFalse(plan.gates());
        assertEquals(java.time.Duration.ZERO, plan.timeout());
        assertEquals("10m", plan.timeoutText());
    }
}
