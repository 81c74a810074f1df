package io.github.ecrmavenplugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.ManualClock;
import io.github.ecrmavenplugin.registry.ImageScan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.ScanStatus;

class ScanWaiterTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final ScanWaiter waiter = new ScanWaiter(clock, d -> {
        sleeps.add(d);
        clock.advance(d);
    });

    private static Optional<ImageScan> scan(String status) {
        return Optional.of(new ImageScan(status, Optional.empty(), List.of()));
    }

    @Test
    void waitsWithBackOffUntilTheScanIsComplete() throws Exception {
        Iterator<Optional<ImageScan>> answers = List.of(
                        Optional.<ImageScan>empty(),
                        scan("PENDING"),
                        scan("IN_PROGRESS"),
                        scan("IN_PROGRESS"),
                        scan("COMPLETE"))
                .iterator();
        List<String> progress = new ArrayList<>();
        ScanWaiter.Result result = waiter.await(answers::next, Duration.ofMinutes(10), true, progress::add);
        assertFalse(result.timedOut());
        assertEquals("COMPLETE", result.scan().orElseThrow().status());
        assertEquals(5, result.reads());
        assertEquals(
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)),
                sleeps);
        assertEquals(3, progress.size(), "each new status once: " + progress);
    }

    @Test
    void givesUpAtTheTimeAllowedWithoutSleepingPastIt() throws Exception {
        ScanWaiter.Result result = waiter.await(() -> scan("IN_PROGRESS"), Duration.ofSeconds(40), true, s -> {});
        assertTrue(result.timedOut());
        assertEquals(Duration.ofSeconds(40), result.waited());
        assertEquals(
                List.of(1L, 2L, 4L, 8L, 15L, 10L),
                sleeps.stream().map(Duration::toSeconds).toList());
    }

    @Test
    void withScanningOffNoScanEndsTheWaitAtOnce() throws Exception {
        ScanWaiter.Result result = waiter.await(Optional::empty, Duration.ofMinutes(10), false, s -> {});
        assertFalse(result.timedOut());
        assertEquals(1, result.reads());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void planModeReadsOnce() throws Exception {
        ScanWaiter.Result result = waiter.await(() -> scan("PENDING"), Duration.ZERO, true, s -> {});
        assertTrue(result.timedOut());
        assertEquals(1, result.reads());
        assertTrue(sleeps.isEmpty());
    }

    /** Every status of the bundled SDK's model has its own documented handling; a new one fails this test. */
    @Test
    void everyStatusOfEcrsModelIsHandled() {
        for (ScanStatus status : ScanStatus.knownValues()) {
            ScanStatuses.Handling handling = ScanStatuses.of(status.toString());
            assertFalse(handling.meaning().contains("does not know"), status + " falls to the default");
        }
        assertEquals(ScanStatuses.Kind.WAIT, ScanStatuses.of("PENDING").kind());
        assertEquals(ScanStatuses.Kind.READY, ScanStatuses.of("ACTIVE").kind());
        assertEquals(ScanStatuses.Kind.UNVERIFIED, ScanStatuses.of("FAILED").kind());
        assertEquals(
                ScanStatuses.Kind.UNVERIFIED,
                ScanStatuses.of("UNSUPPORTED_IMAGE").kind());
        assertEquals(
                ScanStatuses.Kind.UNVERIFIED,
                ScanStatuses.of("SCAN_ELIGIBILITY_EXPIRED").kind());
        assertEquals(
                ScanStatuses.Kind.UNVERIFIED, ScanStatuses.of("SOMETHING_NEW").kind());
    }
}
