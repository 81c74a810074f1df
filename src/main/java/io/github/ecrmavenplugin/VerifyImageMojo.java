package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.aws.ClientKey;
import io.github.ecrmavenplugin.aws.Registries;
import io.github.ecrmavenplugin.model.ImageReference;
import io.github.ecrmavenplugin.model.ImageTag;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.scan.BuildLog;
import io.github.ecrmavenplugin.scan.ImageVerifier;
import io.github.ecrmavenplugin.scan.PushedImage;
import io.github.ecrmavenplugin.scan.PushedImages;
import io.github.ecrmavenplugin.scan.ReportFiles;
import io.github.ecrmavenplugin.scan.ScanGate;
import io.github.ecrmavenplugin.scan.VerificationFailure;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Confirms that the image the build pushed is in ECR, publishes its digest ({@code ecr.imageDigest}, and
 * {@code ecr.imageUri}, the image by digest), and gates the build on ECR's scan of it: waits for the scan (basic
 * scan on push, or the registry's enhanced scanning) up to {@code scanTimeout}, writes every finding to
 * {@code target/ecr-scan.json} and {@code target/ecr-scan.sarif}, and fails when a finding at or above
 * {@code failOnSeverity} is not accepted in {@code ignoredFindings} or the {@code ignoreFile}.
 *
 * <p>It runs in {@code verify}, after the image builder's push in {@code package}, and takes the image the builder
 * pushed: the digest Jib (or Quarkus) wrote to {@code target/jib-image.json} or {@code target/jib-image.digest},
 * under the name the builder used ({@code jib.to.image} and the other builders' properties, a {@code -D} one
 * first), in the registry of the image's host; else where {@code ensure-repository}'s {@code jibImage} sent it (the
 * first repository, tag {@code jibTag}); or where {@code image} says. When a tag the build pushed no longer points at
 * the pushed digest, it fails. When ECR would not scan the image by itself (the repository does not scan on push, or
 * the registry's scanning rules leave it out), a gate starts a scan ({@code StartImageScan}) and gates on it, or
 * fails saying why none can be had. It reads ECR's managed signing of the image, and with {@code requireSignature}
 * requires it. Otherwise it only reads. The work is {@link ImageVerifier}'s.
 *
 * <p>Acts on: {@code image}, {@code failOnSeverity}, {@code scanTimeout}, {@code ignoredFindings}, {@code ignoreFile},
 * {@code scanReport}, {@code sarifReport}, {@code requireSignature}, {@code plan}, {@code repositoryName},
 * {@code repositories}, {@code jibTag}, {@code imageBuilders}, {@code registryId}, {@code region}, {@code profile},
 * {@code endpoint}, {@code dualStack}, {@code serverId}, {@code roleArn}, {@code roleExternalId},
 * {@code roleSessionName}, {@code stsEndpoint}, {@code maxAttempts}, {@code timeout}, {@code skip}. Of
 * {@code repositories} it acts on the first entry's name.
 *
 * <p>Checks, without acting on them, the repository settings and three switches of {@code ensure-repository}:
 * {@code imageTagMutability}, {@code imageTagMutabilityExclusionFilters}, {@code scanOnPush}, {@code tags},
 * {@code purgeTags}, {@code lifecyclePolicy}, {@code lifecyclePolicyFile}, {@code lifecycleRules}, {@code encryption},
 * {@code kmsKey}, {@code pullPolicy}, {@code policy}, {@code policyFile}, {@code policyMode},
 * {@code allowPublicAccess}, {@code allowLockOut}, {@code creationTemplate}, {@code createIfMissing}, {@code jibImage},
 * {@code jibAuth}. The goal has them because the plugin declares each parameter once for all its goals; it reads them
 * so that a value {@code ensure-repository} would refuse before any call fails this goal too, before its own calls.
 */
@Mojo(name = "verify-image", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyImageMojo extends AbstractEcrCallingMojo {

    /** Published: the pushed image's digest, {@code sha256:...}. */
    public static final String IMAGE_DIGEST = "ecr.imageDigest";
    /** Published: the pushed image by digest, {@code <repository URI>@sha256:...}, what deployments should pin. */
    public static final String IMAGE_URI = "ecr.imageUri";

    /**
     * The image to verify, {@code repository:tag} or {@code repository@sha256:...}. A registry host in front may
     * name another account's ECR registry ({@code 210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/api:1.0}),
     * which is then where the image is looked up. Default: the image the build pushed (see the goal's description).
     *
     * <p>Acted on by: {@code verify-image}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.image")
    String image;

    /**
     * Fails the build when the image has a finding of this severity or worse that is not accepted:
     * {@code CRITICAL}, {@code HIGH}, {@code MEDIUM}, {@code LOW} or {@code INFORMATIONAL}; and when the image's
     * findings are not known. An image ECR would not scan by itself gets a scan started. Without it the goal
     * reports the findings and never fails on them; an empty value is refused rather than taken for "without it".
     *
     * <p>Acted on by: {@code verify-image}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.failOnSeverity")
    String failOnSeverity;

    /**
     * The longest the goal waits for ECR's scan to complete: seconds ({@code 600}), with a unit ({@code 90s},
     * {@code 10m}) or ISO-8601 ({@code PT10M}); zero or more. A scan still pending after it fails the build when
     * {@code failOnSeverity} is set, and is a warning otherwise.
     *
     * <p>Acted on by: {@code verify-image}.
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
     * <p>Acted on by: {@code verify-image}.
     *
     * @since 0.1.0
     */
    @Parameter
    List<IgnoredFindingParameters> ignoredFindings;

    /**
     * A file of accepted findings, one a line: the id, an optional last day ({@code yyyy-MM-dd}), and the reason;
     * {@code #} starts a comment. A second field that starts with a digit or a month's name and a number is the
     * last day and must be a {@code yyyy-MM-dd} date; a reason starts with a word. Read together with {@code ignoredFindings}.
     *
     * <p>Acted on by: {@code verify-image}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.ignoreFile")
    File ignoreFile;

    /**
     * Where the JSON report of every finding is written.
     *
     * <p>Acted on by: {@code verify-image}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.scanReport", defaultValue = "${project.build.directory}/ecr-scan.json")
    File scanReport;

    /**
     * Where the SARIF 2.1.0 report of every finding is written, for code-scanning dashboards.
     *
     * <p>Acted on by: {@code verify-image}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.sarifReport", defaultValue = "${project.build.directory}/ecr-scan.sarif")
    File sarifReport;

    /**
     * Requires ECR's managed signing of the image: fails unless every signing profile that signs it reports
     * {@code COMPLETE} (waiting while signing is in progress, within {@code scanTimeout}), naming ECR's failure code
     * and reason when signing failed, and the registry's signing rules when none covers the repository. Without it,
     * the signing status is reported only. {@code true} or {@code false}.
     *
     * <p>Acted on by: {@code verify-image}.
     *
     * @since 0.2.0
     */
    @Parameter(property = "ecr.requireSignature", defaultValue = "false")
    String requireSignature;

    /**
     * Plan mode, as in {@code ensure-repository}: reads the image and its scan once, without waiting for a scan
     * that is not complete, and starts none. {@code true} or {@code false}.
     *
     * <p>Acted on by: {@code verify-image}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.plan", defaultValue = "false")
    String plan;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        runUnlessSkipped("ECR image verification", this::verifyImage);
    }

    @Override
    void checkBooleanParameters() throws InvalidConfigurationException {
        super.checkBooleanParameters();
        BooleanParameter.parse(plan, "plan", false);
        BooleanParameter.parse(requireSignature, "requireSignature", false);
    }

    private void verifyImage() throws MojoExecutionException, MojoFailureException, InvalidConfigurationException {
        BuildLog log = new BuildLog(getLog()::debug, getLog()::info, getLog()::warn, getLog()::error);
        PushedImage pushed = PushedImages.find(build(), log);
        ScanGate gate = ScanGate.of(
                failOnSeverity,
                scanTimeout,
                BooleanParameter.parse(plan, "plan", false),
                IgnoredFindingParameters.accepted(ignoredFindings, ignoreFile),
                BooleanParameter.parse(requireSignature, "requireSignature", false));
        ClientKey client = clientKey(connection(), true);
        if (session != null && session.isOffline()) {
            // A gate never passes what it could not check: offline, ECR's scan and signing cannot be read.
            Optional<String> vouches = gate.vouchesFor();
            if (vouches.isPresent()) {
                throw new MojoFailureException("Maven runs offline (-o), so ECR's scan and signing of the image "
                        + "cannot be read, and " + vouches.get() + ". Build online, or drop <failOnSeverity> "
                        + "(-Decr.failOnSeverity) and <requireSignature> (-Decr.requireSignature) to only report");
            }
            getLog().warn("Maven runs offline (-o): skipping the ECR image verification");
            return;
        }
        CloseClientsAtSessionEnd.register(session.getRequest());
        Registry ecr = Registries.connect(client, pushed.registryId().orElse(null), getLog()::debug)
                .registry();
        String version = getClass().getPackage().getImplementationVersion();
        ReportFiles reports =
                new ReportFiles(scanReport.toPath(), sarifReport.toPath(), Objects.toString(version, "dev"));
        try {
            new ImageVerifier(ecr, log).verify(pushed, gate, reports, this::publish);
        } catch (VerificationFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the scan reports: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while waiting for ECR's scan", e);
        }
    }

    /** What a deployment should pin: the image as verified. */
    private void publish(ImageVerifier.Verified verified) {
        project.getProperties().setProperty(IMAGE_DIGEST, verified.image().digest());
        project.getProperties().setProperty(IMAGE_URI, verified.imageUri());
    }

    /** What the build says of the image it pushed. */
    private PushedImages.Build build() throws InvalidConfigurationException {
        Date start = session.getRequest() == null ? null : session.getRequest().getStartTime();
        String directory =
                project.getBuild() == null ? null : project.getBuild().getDirectory();
        return new PushedImages.Build(
                Optional.ofNullable(image).filter(i -> !i.isBlank()),
                session.getUserProperties(),
                project.getProperties(),
                Optional.ofNullable(directory).map(Path::of),
                Optional.ofNullable(start).map(Date::toInstant),
                imageBuilders(),
                JibTags.additional(project, session.getUserProperties()),
                new ImageReference(specs().get(0).name(), ImageTag.valid(jibTag, "jibTag")),
                Optional.ofNullable(registry()));
    }
}
