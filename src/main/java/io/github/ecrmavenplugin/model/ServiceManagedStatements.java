package io.github.ecrmavenplugin.model;

import java.util.Map;
import java.util.Optional;

/**
 * Repository policy statements that AWS services add and rely on, kept even when the POM's policy replaces the
 * rest ({@link PolicyMode#REPLACE}). Removing one breaks the service without a word: Lambda, for one, fails the next
 * update of a function whose image it can no longer read.
 *
 * <p>Source: AWS Lambda Developer Guide, "Create a Lambda function using a container image", section "Amazon ECR
 * permissions": when a function is created from an image, Lambda adds the statement
 * {@code LambdaECRImageRetrievalPolicy} (same account) or {@code LambdaECRImageCrossAccountRetrievalPolicy} (a
 * function in another account) to the repository policy. These are the only statements AWS documents as added to a
 * repository policy by a service; a new one goes here, with its source.
 */
public final class ServiceManagedStatements {

    /** Sid of a service-managed statement, and who manages it and why, for the build log. */
    static final Map<String, String> BY_SID = Map.of(
            "LambdaECRImageRetrievalPolicy",
            "AWS Lambda adds it when a function is created from this repository's image",
            "LambdaECRImageCrossAccountRetrievalPolicy",
            "AWS Lambda adds it when a function in another account is created from this repository's image");

    private ServiceManagedStatements() {}

    /** Who manages the statement and why, when an AWS service does; empty for everyone else's statements. */
    public static Optional<String> managedBy(Map<String, Object> statement) {
        return PolicyDocument.sid(statement).map(BY_SID::get);
    }
}
