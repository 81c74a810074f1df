package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.ecr.RegistryException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Turns a failed ECR call into what Maven users expect: a {@link MojoFailureException} for problems the user can
 * fix in configuration or IAM, a {@link MojoExecutionException} for the unexpected (ECR unreachable after retries).
 */
final class Failures {

    private Failures() {}

    static void rethrow(RegistryException e) throws MojoFailureException, MojoExecutionException {
        if (e.isAccessDenied()) {
            throw new MojoFailureException("Access denied: the build's AWS identity may not call " + e.iamAction()
                    + ". Grant " + e.iamAction() + " on the repository to the build's IAM role or user (`mvn "
                    + "ecr:print-iam-policy` prints every action the configured goal needs). " + e.getMessage(), e);
        }
        if (e.isMissingCredentials()) {
            throw new MojoFailureException("No AWS credentials found. Provide them through the environment "
                    + "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE), <profile> (-Decr.profile), "
                    + "a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN), or a container or "
                    + "instance role", e);
        }
        throw new MojoExecutionException(e.getMessage(), e);
    }
}
