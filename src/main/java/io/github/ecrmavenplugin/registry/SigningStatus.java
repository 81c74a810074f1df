package io.github.ecrmavenplugin.registry;

import java.util.Optional;

/**
 * ECR's signing of one image with one signing profile ({@code DescribeImageSigningStatus}).
 *
 * @param signingProfileArn the signing profile
 * @param status            {@code IN_PROGRESS}, {@code COMPLETE}, {@code FAILED}, or a status ECR adds
 * @param failureCode       ECR's code for a failed signing
 * @param failureReason     ECR's words on a failed signing
 */
public record SigningStatus(
        String signingProfileArn, String status, Optional<String> failureCode, Optional<String> failureReason) {

    public boolean complete() {
        return status.equals("COMPLETE");
    }

    public boolean inProgress() {
        return status.equals("IN_PROGRESS");
    }
}
