package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.model.ImageReference;
import io.github.ecrmavenplugin.registry.Image;
import io.github.ecrmavenplugin.registry.ImageScan;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.Repository;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * verify-image's work: finds the image the build pushed in ECR, checks that its tags still point at it, sees that
 * ECR scans it (starting a scan where ECR would not by itself and a gate asks for findings, {@link ScanStart}),
 * waits for the scan and ECR's signing of the image within {@code scanTimeout}, and gates the build on both
 * ({@link FindingsGate}, {@link Signing}).
 */
public final class ImageVerifier {

    private final Registry ecr;
    private final BuildLog log;
    private final ScanWaiter waiter;
    private final ScanWaiter.Sleeper sleeper;
    private final Clock clock;

    /**
     * The image as verified.
     *
     * @param image    the image ECR holds
     * @param imageUri the image by digest, {@code <repository URI>@sha256:...}: what a deployment should pin
     */
    public record Verified(Image image, String imageUri) {}

    public ImageVerifier(Registry ecr, BuildLog log) {
        this(ecr, log, duration -> Thread.sleep(duration.toMillis()), Clock.systemUTC());
    }

    ImageVerifier(Registry ecr, BuildLog log, ScanWaiter.Sleeper sleeper, Clock clock) {
        this.ecr = ecr;
        this.log = log;
        this.sleeper = sleeper;
        this.clock = clock;
        this.waiter = new ScanWaiter(clock, sleeper);
    }

    /**
     * Verifies the pushed image against the gate and writes the scan's reports.
     *
     * @param found told the image as soon as it is known to be the one pushed, before its scan is judged: what a
     *              deployment should pin, whatever the scan says
     * @throws VerificationFailure when the image is not the one pushed, is missing, or fails the gate
     * @throws IOException         when a report cannot be written
     */
    public void verify(PushedImage pushed, ScanGate gate, ReportFiles reports, Consumer<Verified> found)
            throws VerificationFailure, InterruptedException, IOException {
        ImageReference target = pushed.reference();
        Repository repository = ecr.describe(target.repositoryName())
                .orElseThrow(() -> missing(target, "its repository does not exist"));
        Image image = pushedImage(pushed);
        String imageUri = repository.uri() + "@" + image.digest();
        log.info()
                .accept("ECR image " + target + ": " + image.digest() + ", " + size(image.sizeInBytes()) + ", pushed "
                        + image.pushedAt()
                        + pushed.digest()
                                .map(d -> " (digest from " + pushed.source() + ")")
                                .orElse(""));
        found.accept(new Verified(image, imageUri));
        // scanTimeout bounds the waits for ECR's scan and signing together, from the first read of the scan.
        Instant deadline = clock.instant().plus(gate.timeout());
        Optional<ImageScan> scan = awaitScan(repository, pushed, image, gate, deadline);
        Signing signing = Signing.of(ecr, pushed, image, gate, deadline, sleeper, clock, log);
        if (scan.isPresent()) {
            new FindingsGate(log, gate, LocalDate.now(clock.withZone(ZoneOffset.UTC)))
                    .judge(target, image, imageUri, scan.get(), signing, reports);
        }
        if (signing.failure().isPresent()) {
            throw new VerificationFailure(signing.failure().get());
        }
    }

    /**
     * The image ECR holds under the digest the builder wrote, each of whose tags must still point at it; without a
     * digest, the image the tag points at.
     */
    private Image pushedImage(PushedImage pushed) throws VerificationFailure {
        ImageReference target = pushed.reference();
        String repository = target.repositoryName();
        if (pushed.digest().isEmpty()) {
            return ecr.image(repository, target.tagOrDigest())
                    .orElseThrow(() -> missing(target, "ECR has no such image"));
        }
        String digest = pushed.digest().get();
        Image image = ecr.image(repository, digest)
                .orElseThrow(() -> new VerificationFailure("No image " + repository + "@" + digest + " in ECR, "
                        + "though " + pushed.source() + " says the build pushed it there. Was it deleted since? "
                        + "Build and push again"));
        for (String tag : pushed.tags()) {
            if (!image.tags().contains(tag)) {
                Optional<String> now = ecr.image(repository, tag).map(Image::digest);
                throw new VerificationFailure("ECR image " + repository + ":" + tag
                        + now.map(d -> " now points at " + d).orElse(" no longer exists") + ", not at " + digest
                        + " that this build pushed (" + pushed.source() + "): another push moved the tag between "
                        + "the push and verify-image, so the image verified would not be this build's. Push again "
                        + "(or with a tag no other build pushes), or verify the image by digest with <image> "
                        + "(-Decr.image=" + repository + "@" + digest + ")");
            }
        }
        return image;
    }

    /**
     * The scan to gate, waited for until the deadline; empty when there is none to judge and the gate lets that pass
     * (said in the log). An image ECR has no scan of and will not scan by itself gets one started when a gate asks
     * for findings.
     */
    private Optional<ImageScan> awaitScan(
            Repository repository, PushedImage pushed, Image image, ScanGate gate, Instant deadline)
            throws VerificationFailure, InterruptedException {
        ImageReference target = pushed.reference();
        Optional<ImageScan> first = ecr.imageScan(target.repositoryName(), image.digest());
        boolean expected =
                first.isPresent() || new ScanStart(ecr, log).scanComing(repository, pushed, image.digest(), gate);
        if (!expected) {
            return Optional.empty();
        }
        ScanWaiter.Result waited = waiter.await(
                first,
                () -> ecr.imageScan(target.repositoryName(), image.digest()),
                remaining(deadline),
                true,
                status -> log.info()
                        .accept("Waiting for ECR's scan of " + target + ": " + status + " (up to "
                                + (gate.plan() ? "no wait in plan mode" : gate.timeoutText()) + ")"));
        if (waited.timedOut()) {
            String status = waited.scan().map(ImageScan::status).orElse("not started");
            String message = "ECR's scan of " + target + " is still " + status + " after "
                    + (gate.plan()
                            ? "one read (plan mode does not wait)"
                            : Duration.between(deadline.minus(gate.timeout()), clock.instant())
                                            .toSeconds() + " s (<scanTimeout> " + gate.timeoutText() + ")");
            if (gate.gates()) {
                throw new VerificationFailure(message + ", so the image's findings are not known. Raise "
                        + "<scanTimeout> (-Decr.scanTimeout=20m) if ECR's scans take longer; basic scans usually "
                        + "finish within minutes, enhanced scans of a new image can take longer");
            }
            log.warn().accept(message + "; its findings are not known");
            return Optional.empty();
        }
        return waited.scan();
    }

    private Duration remaining(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static VerificationFailure missing(ImageReference target, String why) {
        return new VerificationFailure("No image " + target + " in ECR (" + why + "). jib:build should have pushed it "
                + "before this goal: declare jib-maven-plugin's build goal in phase package, after ecr-maven-plugin's "
                + "ensure-repository (with <jibImage>true</jibImage>), and check the order in the build log "
                + "(\"--- jib-maven-plugin:...:build\" must come before \"--- ecr-maven-plugin:...:verify-image\"). "
                + "If Jib pushes elsewhere, name the image with <image> (-Decr.image=repository:tag)");
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024
                ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
