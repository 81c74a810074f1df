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
            String on = e.resource().map(resource -> " on " + resource).orElse("");
            throw new MojoFailureException("Access denied: the build's AWS identity may not call " + e.iamAction()
                    + on + ". Grant " + e.iamAction() + on + " to the build's IAM role or user (`mvn "
                    + "ecr:print-iam-policy` prints every action the configured goal needs). " + e.getMessage(), e);
        }
        if (e.isMissingCredentials()) {
            throw new MojoFailureException("No AWS credentials found. Provide them through the environment "
                    + "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE), <profile> (-Decr.profile), "
                    + "a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN), or a container or "
                    + "instance role", e);
        }
        if (e.isTimeout()) {
            throw new MojoExecutionException(e.getMessage() + ". ECR did not answer within <timeout> "
                    + "(-Decr.timeout); raise it if your network to AWS is slow. Every step is safe to repeat: the "
                    + "next build continues where this one stopped", e);
        }
        if (e.attempts().filter(n -> n > 1).isPresent()) {
            throw new MojoExecutionException(e.getMessage() + ". ECR or the network to it kept failing "
                    + "for <maxAttempts> (-Decr.maxAttempts) attempts. Every step is safe to "
                    + "repeat: the next build continues where this one stopped", e);
        }
        throw new MojoExecutionException(e.getMessage(), e);
    }
}
