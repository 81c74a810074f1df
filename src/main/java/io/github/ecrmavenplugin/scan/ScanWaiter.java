package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.registry.ImageScan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Asks ECR for an image's scan until it is no longer pending or running, or until the time allowed is spent. It
 * waits briefly after the first read, so a scan that finishes quickly is seen at once, and doubles the wait up to
 * {@code LONGEST_WAIT}, so a long scan costs few calls; it never sleeps past the deadline.
 */
public final class ScanWaiter {

    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(15);

    /** How the waiter pauses; tests pass one that only moves a clock. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * The last answer and how the wait ended.
     *
     * @param scan     the last scan read; empty when ECR had none
     * @param timedOut whether the time allowed ran out while the scan was still pending or running
     * @param waited   how long it took
     * @param reads    how many times it asked
     */
    public record Result(Optional<ImageScan> scan, boolean timedOut, Duration waited, int reads) {}

    private final Clock clock;
    private final Sleeper sleeper;

    public ScanWaiter(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Reads the image's scan until it is finished, or {@code allowed} has passed, backing off between reads.
     *
     * @param read          one read of the scan
     * @param allowed       the longest wait; zero reads once
     * @param scanExpected  whether a scan will come when ECR has none yet (scan on push is on): then "no scan" is
     *                      waited for like {@code PENDING}; otherwise it ends the wait at once
     * @param progress      told each new status, with the time waited so far
     */
    public Result await(
            Supplier<Optional<ImageScan>> read, Duration allowed, boolean scanExpected, Consumer<String> progress)
            throws InterruptedException {
        return await(read.get(), read, allowed, scanExpected, progress);
    }

    /**
     * As {@link #await(Supplier, Duration, boolean, Consumer)}, starting from a scan already read.
     *
     * @param first what the first read gave
     */
    public Result await(
            Optional<ImageScan> first,
            Supplier<Optional<ImageScan>> read,
            Duration allowed,
            boolean scanExpected,
            Consumer<String> progress)
            throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(allowed);
        Duration wait = FIRST_WAIT;
        String lastStatus = null;
        int reads = 1;
        Optional<ImageScan> scan = first;
        while (true) {
            String status = scan.map(ImageScan::status).orElse("no scan yet");
            boolean pending = scan.isEmpty()
                    ? scanExpected
                    : ScanStatuses.of(scan.get().status()).kind() == ScanStatuses.Kind.WAIT;
            Instant now = clock.instant();
            if (!pending) {
                return new Result(scan, false, Duration.between(start, now), reads);
            }
            if (!now.isBefore(deadline)) {
                return new Result(scan, true, Duration.between(start, now), reads);
            }
            if (!status.equals(lastStatus)) {
                progress.accept(
                        status + " after " + Duration.between(start, now).toSeconds() + " s");
                lastStatus = status;
            }
            Duration remaining = Duration.between(now, deadline);
            sleeper.sleep(wait.compareTo(remaining) < 0 ? wait : remaining);
            wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) < 0 ? wait.multipliedBy(2) : LONGEST_WAIT;
            scan = read.get();
            reads++;
        }
    }
}
