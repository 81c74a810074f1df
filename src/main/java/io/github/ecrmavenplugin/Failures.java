package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.aws.CredentialsException;
import io.github.ecrmavenplugin.aws.EcrClients;
import io.github.ecrmavenplugin.aws.ProxySettings;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.reconcile.Reconciler;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Turns a failed ECR call into what Maven users expect: a {@link MojoFailureException} for problems the user can
 * fix in configuration or IAM, a {@link MojoExecutionException} for the unexpected (ECR unreachable after retries).
 */
final class Failures {

    private Failures() {}

    /**
     * Rethrows a failure of the goal as the Maven exception that fits it, with a message that says what to do.
     */
    static void rethrow(Exception e) throws MojoFailureException, MojoExecutionException {
        rethrow(e, Optional.empty());
    }

    /**
     * As {@link #rethrow(Exception)}, for calls made through {@code proxy}: when it refused them for want of the
     * right credentials (whether calling ECR or assuming a role at STS), the message names the settings.xml proxy
     * to fix rather than the AWS call.
     */
    static void rethrow(Exception e, Optional<ProxySettings> proxy) throws MojoFailureException,
            MojoExecutionException {
        if (proxy.isPresent() && ProxySettings.refusedAuthentication(e)) {
            throw new MojoFailureException(proxy.get().authenticationRefusedMessage(), e);
        }
        if (e instanceof RegistryException registry) {
            rethrow(registry);
        }
        if (e instanceof InvalidConfigurationException) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (e instanceof EcrClients.MissingRegionException) {
            throw new MojoFailureException("No AWS region is configured. Set <region> (-Decr.region=eu-west-1), "
                    + "the AWS_REGION environment variable, or a region in your AWS profile", e);
        }
        if (e instanceof Reconciler.RepositoryMissingException missing) {
            throw new MojoFailureException("ECR repository " + missing.repositoryName() + " does not exist, and "
                    + "<createIfMissing> is false. Create it first (e.g. with your infrastructure code), or set "
                    + "<createIfMissing>true</createIfMissing> (-Decr.createIfMissing=true) for an identity allowed "
                    + "ecr:CreateRepository", e);
        }
        if (e instanceof Reconciler.ImageTagTakenException taken) {
            throw new MojoFailureException("Image tag " + taken.tag() + " already exists in ECR repository "
                    + taken.repositoryName() + ", whose tags are immutable (" + taken.mutability() + "): ECR would "
                    + "refuse Jib's push. Push a new tag (a new project version, or <jibTag> / -Decr.jib.tag=...; for one "
                    + "of Jib's additional tags, drop it from Jib's <to><tags> or -Djib.to.tags), "
                    + "or make this tag mutable with <imageTagMutability>IMMUTABLE_WITH_EXCLUSION"
                    + "</imageTagMutability> and an exclusion filter matching it", e);
        }
        if (e instanceof CredentialsException credentials && credentials.isConfigurationProblem()) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        throw new MojoExecutionException(e.getMessage(), e);
    }

    private static void rethrow(RegistryException e) throws MojoFailureException, MojoExecutionException {
        if (e.isAccessDenied()) {
            String on = e.resource().map(resource -> " on " + resource).orElse("");
            throw new MojoFailureException("Access denied: the build's AWS identity may not call " + e.iamAction()
                    + on + ". Grant " + e.iamAction() + on + " to the build's IAM role or user (`mvn "
                    + "ecr:print-iam-policy` prints every action the configured goal needs). " + e.getMessage(), e);
        }
        if (e.isMissingCredentials()) {
            throw new MojoFailureException(EcrClients.NO_CREDENTIALS, e);
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
