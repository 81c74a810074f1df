package io.github.ecrmavenplugin.scan;

import java.util.Locale;

/**
 * What each status of ECR's scan model means for the gate. Statuses the bundled SDK does not know yet (ECR adds
 * them) are treated like {@code FAILED}: the gate cannot vouch for the image.
 */
public final class ScanStatuses {

    /** What the gate does on a status. */
    public enum Kind {
        /** Findings are there: gate them. */
        READY,
        /** The scan is not done: ask again, until {@code scanTimeout}. */
        WAIT,
        /** The gate cannot vouch for the image: fails the build when {@code failOnSeverity} is set, else warns. */
        UNVERIFIED
    }

    /**
     * How the gate handles one scan status.
     *
     * @param kind    what the gate does
     * @param meaning what the status means, in words for the build log
     */
    public record Handling(Kind kind, String meaning) {}

    private ScanStatuses() {}

    public static Handling of(String status) {
        return switch (status == null ? "" : status.toUpperCase(Locale.ROOT)) {
            case "COMPLETE" -> new Handling(Kind.READY, "the scan is complete");
            case "ACTIVE" -> new Handling(Kind.READY, "enhanced scanning watches the image; its findings are current");
            case "PENDING" -> new Handling(Kind.WAIT, "the scan has not started yet");
            case "IN_PROGRESS" -> new Handling(Kind.WAIT, "the scan is running");
            // No findings is no evidence: basic scanning does not support every base image a build uses.
            case "UNSUPPORTED_IMAGE" ->
                new Handling(
                        Kind.UNVERIFIED,
                        "ECR cannot scan this image (its operating system or packages are not supported by the "
                                + "scanner), so there are no findings to gate; a base image the scanner supports, or "
                                + "the registry's enhanced scanning (Amazon Inspector), gives some");
            // Amazon Inspector closes the findings of an image whose re-scan duration ran out ("all associated
            // findings are scheduled for closure"): what is left is no verdict on the image.
            case "SCAN_ELIGIBILITY_EXPIRED" ->
                new Handling(
                        Kind.UNVERIFIED,
                        "enhanced scanning stopped watching this image (the registry's re-scan duration ran out) "
                                + "and closes its findings; a longer re-scan duration of Amazon Inspector's ECR "
                                + "scanning, or a new push, has the image scanned again");
            case "FAILED" -> new Handling(Kind.UNVERIFIED, "the scan failed");
            case "FINDINGS_UNAVAILABLE" ->
                new Handling(
                        Kind.UNVERIFIED,
                        "ECR has no findings for this image (the "
                                + "image may have been deleted or archived, or is too old for its findings to be kept)");
            case "LIMIT_EXCEEDED" ->
                new Handling(
                        Kind.UNVERIFIED,
                        "the image was scanned too often (basic "
                                + "scanning scans an image once a day); try again later");
            case "IMAGE_ARCHIVED" ->
                new Handling(
                        Kind.UNVERIFIED,
                        "the image is archived, and archived images " + "are not scanned; restore it to scan it");
            default -> new Handling(Kind.UNVERIFIED, "ECR reports a status this plugin does not know (" + status + ")");
        };
    }
}
