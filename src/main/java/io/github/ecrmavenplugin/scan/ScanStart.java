package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.model.ImageReference;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.Repository;

/**
 * What to do about an image ECR has no scan of: wait when ECR scans the repository's images on push; when it scans
 * them only on request and a gate asks for findings, start a scan ({@code StartImageScan}); when that cannot be done,
 * fail, saying why and what to change. A gate never passes an image without findings to judge; without a gate, the
 * goal says why there is no scan and goes on.
 */
final class ScanStart {

    private static final String ON_PUSH_FIX = "turn on scanning on push for it (<scanOnPush>true</scanOnPush> of "
            + "ensure-repository, or a scan-on-push filter of the registry's scanning rules that matches it)";

    private final Registry ecr;
    private final BuildLog log;

    ScanStart(Registry ecr, BuildLog log) {
        this.ecr = ecr;
        this.log = log;
    }

    /**
     * Whether a scan of the image is coming: ECR's own, or one started here.
     *
     * @throws VerificationFailure when the gate asks for findings and no scan can come
     */
    boolean scanComing(Repository repository, PushedImage pushed, String digest, ScanGate gate)
            throws VerificationFailure {
        ImageReference target = pushed.reference();
        ScanCoverage coverage = ScanCoverage.of(ecr, repository, log);
        log.debug().accept("ECR has no scan of " + target + " yet: " + coverage.why());
        if (coverage.kind() == ScanCoverage.Kind.ON_PUSH) {
            return true;
        }
        boolean asked = gate.threshold().isPresent();
        if (coverage.kind() == ScanCoverage.Kind.NEVER) {
            String message = "ECR does not scan " + target + ": " + coverage.why()
                    + ", and enhanced scanning takes no request to scan an image";
            if (asked && !gate.plan()) {
                throw new VerificationFailure(
                        message + ". <failOnSeverity> " + gate.threshold().get()
                                + " cannot vouch for an image without findings: add a filter matching "
                                + repository.name() + " to the registry's enhanced scanning rules "
                                + "(PutRegistryScanningConfiguration), or drop <failOnSeverity> (-Decr.failOnSeverity) to only "
                                + "report");
            }
            log.warn().accept(message);
            return false;
        }
        if (!asked) {
            log.info()
                    .accept("ECR has not scanned " + target + ": " + coverage.why()
                            + ". To have every image scanned, " + ON_PUSH_FIX
                            + "; with <failOnSeverity>, verify-image starts a scan of an image ECR has not scanned");
            return false;
        }
        if (gate.plan()) {
            log.warn()
                    .accept("ECR has not scanned " + target + ": " + coverage.why() + "; outside plan mode, "
                            + "verify-image starts a scan (StartImageScan) for <failOnSeverity>");
            return false;
        }
        start(target, digest, coverage);
        return true;
    }

    private void start(ImageReference target, String digest, ScanCoverage coverage) throws VerificationFailure {
        String cannot = "ECR cannot scan " + target + " on request (StartImageScan): ";
        String why = ". " + coverage.why() + ", so <failOnSeverity> has no findings to judge. ";
        try {
            String status = ecr.startImageScan(target.repositoryName(), digest);
            log.info()
                    .accept("ECR had not scanned " + target + " (" + coverage.why() + "): started a scan on request ("
                            + status + ")");
        } catch (RegistryException e) {
            if (e.errorCode().filter("LimitExceededException"::equals).isPresent()) {
                throw new VerificationFailure(cannot + e.reason() + why + "Basic scanning scans an image at most once "
                        + "a day, its scan on push included, and a registry a limited number of images a day. Run "
                        + "verify-image again later, or " + ON_PUSH_FIX + " and push a new image");
            }
            if (e.isAccessDenied()) {
                throw new VerificationFailure(cannot + "the build may not call " + e.iamAction() + why + "Grant "
                        + e.iamAction() + " (mvn ecr:print-iam-policy lists it), or " + ON_PUSH_FIX);
            }
            if (e.kind() == RegistryException.Kind.REFUSED) {
                throw new VerificationFailure(cannot + e.reason() + why + "Instead, " + ON_PUSH_FIX
                        + ", or drop <failOnSeverity> (-Decr.failOnSeverity) to only report");
            }
            throw e;
        }
    }
}
