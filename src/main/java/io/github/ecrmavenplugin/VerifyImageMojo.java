package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.aws.ClientKey;
import io.github.ecrmavenplugin.aws.Registries;
import io.github.ecrmavenplugin.model.ImageReference;
import io.github.ecrmavenplugin.model.ImageTag;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.Severity;
import io.github.ecrmavenplugin.registry.Image;
import io.github.ecrmavenplugin.registry.ImageScan;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.Repository;
import io.github.ecrmavenplugin.scan.AcceptedFinding;
import io.github.ecrmavenplugin.scan.AcceptedFindings;
import io.github.ecrmavenplugin.scan.ScanReports;
import io.github.ecrmavenplugin.scan.ScanStatuses;
import io.github.ecrmavenplugin.scan.ScanTable;
import io.github.ecrmavenplugin.scan.ScanVerdict;
import io.github.ecrmavenplugin.scan.ScanWaiter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Confirms that the image Jib pushed is in ECR, publishes its digest ({@code ecr.imageDigest}, and
 * {@code ecr.imageUri}, the image by digest), and gates the build on ECR's scan of it: waits for the scan (basic
 * scan on push, or the registry's enhanced scanning) up to {@code scanTimeout}, writes every finding to
 * {@code target/ecr-scan.json} and {@code target/ecr-scan.sarif}, and fails when a finding at or above
 * {@code failOnSeverity} is not accepted in {@code ignoredFindings} or the {@code ignoreFile}.
 *
 * <p>It runs in {@code verify}, after {@code jib:build} in {@code package}, and finds the image where
 * {@code ensure-repository}'s {@code jibImage} sent it: the first repository, tag {@code jibTag}; or where
 * {@code image} says. It only reads ({@code DescribeRepositories}, {@code DescribeImages},
 * {@code DescribeImageScanFindings}).
 */
@Mojo(name = "verify-image", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyImageMojo extends AbstractEcrCallingMojo {

    /** Published: the pushed image's digest, {@code sha256:...}. */
    public static final String IMAGE_DIGEST = "ecr.imageDigest";
    /** Published: the pushed image by digest, {@code <repository URI>@sha256:...}, what deployments should pin. */
    public static final String IMAGE_URI = "ecr.imageUri";

    private static final int WORST_SHOWN = 20;
    private static final Pattern SECONDS = Pattern.compile("(\\d+)\\s*(s|sec|secs|seconds)?");
    private static final Pattern MINUTES = Pattern.compile("(\\d+)\\s*(m|min|mins|minutes)");

    /**
     * The image to verify, {@code repository:tag} or {@code repository@sha256:...} (a registry host in front is
     * allowed and ignored). Default: the first repository, tag {@code jibTag}, where {@code jibImage} sends Jib.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.image")
    String image;

    /**
     * Fails the build when the image has a finding of this severity or worse that is not accepted:
     * {@code CRITICAL}, {@code HIGH}, {@code MEDIUM}, {@code LOW} or {@code INFORMATIONAL}. Without it the goal
     * reports the findings and never fails on them.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.failOnSeverity")
    String failOnSeverity;

    /**
     * The longest the goal waits for ECR's scan to complete: seconds ({@code 600}), with a unit ({@code 90s},
     * {@code 10m}) or ISO-8601 ({@code PT10M}). A scan still pending after it fails the build when
     * {@code failOnSeverity} is set, and is a warning otherwise.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.scanTimeout", defaultValue = "10m")
    String scanTimeout;

    /**
     * Findings the team accepts: each an {@code <ignoredFinding>} with {@code <id>} (e.g. {@code CVE-2024-3094}),
     * an optional {@code <expires>} (the last day, {@code yyyy-MM-dd}; after it the finding counts again) and a
     * {@code <reason>}.
     *
     * @since 0.1.0
     */
    @Parameter
    List<IgnoredFindingParameters> ignoredFindings;

    /**
     * A file of accepted findings, one a line: the id, an optional last day ({@code yyyy-MM-dd}), and the reason;
     * {@code #} starts a comment. Read together with {@code ignoredFindings}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.ignoreFile")
    File ignoreFile;

    /**
     * Where the JSON report of every finding is written.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.scanReport", defaultValue = "${project.build.directory}/ecr-scan.json")
    File scanReport;

    /**
     * Where the SARIF 2.1.0 report of every finding is written, for code-scanning dashboards.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.sarifReport", defaultValue = "${project.build.directory}/ecr-scan.sarif")
    File sarifReport;

    /**
     * Plan mode, as in {@code ensure-repository}: reads the image and its scan once, without waiting for a scan
     * that is not complete.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.plan", defaultValue = "false")
    boolean plan;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        runUnlessSkipped("ECR image verification", this::verifyImage);
    }

    private void verifyImage() throws MojoExecutionException, MojoFailureException, InvalidConfigurationException {
        ImageReference target = target();
        Optional<Severity> threshold = failOnSeverity == null || failOnSeverity.isBlank()
                ? Optional.empty()
                : Optional.of(Severity.threshold(failOnSeverity, "failOnSeverity"));
        Duration allowed = plan ? Duration.ZERO : duration(scanTimeout);
        List<AcceptedFinding> accepted = acceptedFindings();
        String registryId = registry();
        ClientKey client = clientKey(connection(), true);
        if (session != null && session.isOffline()) {
            getLog().warn("Maven runs offline (-o): skipping the ECR image verification");
            return;
        }
        CloseClientsAtSessionEnd.register(session.getRequest());
        Registry ecr = Registries.connect(client, registryId, getLog()::debug).registry();
        try {
            verify(ecr, target, threshold, allowed, accepted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while waiting for ECR's scan", e);
        }
    }

    private void verify(
            Registry ecr,
            ImageReference target,
            Optional<Severity> threshold,
            Duration allowed,
            List<AcceptedFinding> accepted)
            throws MojoFailureException, MojoExecutionException, InterruptedException {
        Repository repository = ecr.describe(target.repositoryName())
                .orElseThrow(() -> new MojoFailureException(missing(target, "its repository does not exist")));
        Image found = ecr.image(target.repositoryName(), target.tagOrDigest())
                .orElseThrow(() -> new MojoFailureException(missing(target, "ECR has no such image")));
        String imageUri = repository.uri() + "@" + found.digest();
        getLog().info("ECR image " + target + ": " + found.digest() + ", " + size(found.sizeInBytes()) + ", pushed "
                + found.pushedAt());
        project.getProperties().setProperty(IMAGE_DIGEST, found.digest());
        project.getProperties().setProperty(IMAGE_URI, imageUri);

        ScanWaiter.Result waited = ScanWaiter.system()
                .await(
                        () -> ecr.imageScan(target.repositoryName(), found.digest()),
                        allowed,
                        repository.scanOnPush(),
                        status -> getLog().info("Waiting for ECR's scan of " + target + ": " + status + " (up to "
                                + (plan ? "no wait in plan mode" : scanTimeout) + ")"));
        if (waited.scan().isEmpty() && !waited.timedOut()) {
            getLog().info("ECR has not scanned " + target + ": scanning is off for repository "
                    + repository.name() + "; turn it on with <scanOnPush>true</scanOnPush> "
                    + "(-Decr.scanOnPush=true) of ensure-repository, or the registry's enhanced scanning");
            return;
        }
        if (waited.timedOut()) {
            String status = waited.scan().map(ImageScan::status).orElse("not started");
            String message = "ECR's scan of " + target + " is still " + status + " after "
                    + (plan
                            ? "one read (plan mode does not wait)"
                            : waited.waited().toSeconds() + " s (<scanTimeout> " + scanTimeout + ")");
            if (threshold.isPresent() && !plan) {
                throw new MojoFailureException(message + ", so the image's findings are not known. Raise "
                        + "<scanTimeout> (-Decr.scanTimeout=20m) if ECR's scans take longer; basic scans usually "
                        + "finish within minutes, enhanced scans of a new image can take longer");
            }
            getLog().warn(message + "; its findings are not known");
            return;
        }
        gate(found, imageUri, waited.scan().get(), threshold, accepted, target);
    }

    private void gate(
            Image found,
            String imageUri,
            ImageScan scan,
            Optional<Severity> threshold,
            List<AcceptedFinding> accepted,
            ImageReference target)
            throws MojoFailureException, MojoExecutionException {
        ScanStatuses.Handling handling = ScanStatuses.of(scan.status());
        String because = scan.description().map(d -> ": " + d).orElse("");
        switch (handling.kind()) {
            case WARN ->
                getLog().warn("ECR scan of " + target + " is " + scan.status() + ": " + handling.meaning() + because);
            case UNVERIFIED -> {
                String message = "ECR scan of " + target + " is " + scan.status() + ": " + handling.meaning() + because;
                if (threshold.isPresent()) {
                    throw new MojoFailureException(message + ". <failOnSeverity> " + threshold.get() + " cannot "
                            + "vouch for an image without findings; fix the scan, or drop <failOnSeverity> "
                            + "(-Decr.failOnSeverity) to only report");
                }
                getLog().warn(message);
            }
            default -> {}
        }
        ScanVerdict verdict = ScanVerdict.of(scan.findings(), threshold, accepted, LocalDate.now(ZoneOffset.UTC));
        getLog().info("ECR scan of " + target + " (" + scan.status() + "): " + verdict.total() + " finding"
                + (verdict.total() == 1 ? "" : "s") + ": " + ScanTable.counts(verdict.counts()));
        writeReports(found, imageUri, scan, verdict);
        for (AcceptedFinding expired : verdict.expired()) {
            getLog().warn("Accepted finding " + expired.id() + " expired on "
                    + expired.expires().orElseThrow() + " (" + expired.origin()
                    + "): it counts again. Fix it, or renew the entry with a reason");
        }
        if (!verdict.accepted().isEmpty()) {
            getLog().info("Accepted (ignored) findings: " + ScanReports.ids(verdict.accepted()));
        }
        if (verdict.fails()) {
            List<String> lines = new ArrayList<>();
            lines.add("ECR found " + verdict.blocking().size() + " finding"
                    + (verdict.blocking().size() == 1 ? "" : "s") + " at or above " + threshold.orElseThrow() + " in "
                    + target + " ("
                    + ScanTable.counts(verdict.counts()) + "): " + ScanReports.ids(verdict.blocking()));
            lines.addAll(ScanTable.rows(verdict.blocking(), WORST_SHOWN));
            lines.add("Fix them (a newer base image or dependency), or accept one with <ignoredFindings> or the "
                    + "<ignoreFile> (id, last day, reason). Every finding: " + scanReport);
            lines.forEach(getLog()::error);
            throw new MojoFailureException(String.join(System.lineSeparator(), lines));
        }
        if (threshold.isEmpty() && verdict.total() > 0) {
            ScanTable.rows(sortedWorst(scan), 10).forEach(line -> getLog().info("  " + line));
        }
    }

    private static List<io.github.ecrmavenplugin.registry.Finding> sortedWorst(ImageScan scan) {
        List<io.github.ecrmavenplugin.registry.Finding> all = new ArrayList<>(scan.findings());
        all.sort(ScanVerdict.WORST_FIRST);
        return all;
    }

    private void writeReports(Image found, String imageUri, ImageScan scan, ScanVerdict verdict)
            throws MojoExecutionException {
        String version = getClass().getPackage().getImplementationVersion();
        write(scanReport, ScanReports.json(found, imageUri, scan, verdict));
        write(sarifReport, ScanReports.sarif(imageUri, scan, verdict, version == null ? "dev" : version));
        getLog().info("ECR scan reports: " + scanReport + ", " + sarifReport);
    }

    private static void write(File file, String text) throws MojoExecutionException {
        try {
            Files.createDirectories(file.toPath().toAbsolutePath().getParent());
            Files.writeString(file.toPath(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The image {@code image} names, else where {@code jibImage} sends Jib: the first repository, {@code jibTag}. */
    ImageReference target() throws InvalidConfigurationException {
        if (image != null && !image.isBlank()) {
            return ImageReference.parse(image, "image");
        }
        return new ImageReference(specs().get(0).name(), ImageTag.valid(jibTag, "jibTag"));
    }

    private String missing(ImageReference target, String why) {
        return "No image " + target + " in ECR (" + why + "). jib:build should have pushed it before this goal: "
                + "declare jib-maven-plugin's build goal in phase package, after ecr-maven-plugin's "
                + "ensure-repository (with <jibImage>true</jibImage>), and check the order in the build log "
                + "(\"--- jib-maven-plugin:...:build\" must come before \"--- ecr-maven-plugin:...:verify-image\"). "
                + "If Jib pushes elsewhere, name the image with <image> (-Decr.image=repository:tag)";
    }

    private List<AcceptedFinding> acceptedFindings() throws InvalidConfigurationException {
        List<AcceptedFinding> accepted = new ArrayList<>();
        if (ignoredFindings != null) {
            for (int i = 0; i < ignoredFindings.size(); i++) {
                IgnoredFindingParameters entry = ignoredFindings.get(i);
                accepted.add(AcceptedFindings.of(
                        entry.id, entry.expires, entry.reason, "<ignoredFindings> entry " + (i + 1)));
            }
        }
        if (ignoreFile != null) {
            try {
                accepted.addAll(AcceptedFindings.parse(
                        Files.readAllLines(ignoreFile.toPath(), StandardCharsets.UTF_8), ignoreFile.getName()));
            } catch (IOException e) {
                throw new InvalidConfigurationException(
                        "ignoreFile",
                        "cannot read " + ignoreFile + " (" + e.getMessage()
                                + "); check the path, or drop <ignoreFile> (-Decr.ignoreFile)");
            }
        }
        return accepted;
    }

    static Duration duration(String value) throws InvalidConfigurationException {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Matcher seconds = SECONDS.matcher(text);
        Matcher minutes = MINUTES.matcher(text);
        try {
            if (seconds.matches()) {
                return Duration.ofSeconds(Long.parseLong(seconds.group(1)));
            }
            if (minutes.matches()) {
                return Duration.ofMinutes(Long.parseLong(minutes.group(1)));
            }
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidConfigurationException(
                    "scanTimeout",
                    "'" + value + "' is not a duration; write "
                            + "seconds (600), with a unit (90s, 10m) or ISO-8601 (PT10M)");
        }
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024
                ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
