package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.aws.CredentialsException;
import io.github.ecrmavenplugin.aws.EcrClients;
import io.github.ecrmavenplugin.aws.ProxySettings;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.PolicyMode;
import io.github.ecrmavenplugin.reconcile.Reconciler;
import io.github.ecrmavenplugin.registry.RegistryException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Turns a failed ECR call into what Maven users expect: a {@link MojoFailureException} for problems the user can
 * fix in configuration or IAM, a {@link MojoExecutionException} for the unexpected (ECR unreachable after retries).
 *
 * <p>Every message has one shape: a first sentence that says what failed (the operation, the repository, the
 * endpoint), then what to do. Maven prints a failure on one line, to which it appends the message of every cause
 * that the message does not already contain, and Maven 3's {@code -e} output prints causes but not suppressed
 * exceptions. So in a plain build the plugin's own words reach Maven as an exception without a cause, the original
 * exception (with the AWS SDK's own text, request IDs and credential-chain details) riding along suppressed; under
 * {@code -e} the original is the cause, which Maven prints in full. Each cause is logged at debug level
 * ({@code -X}) either way.
 */
final class Failures {

    /** Said after a failure that a later build may not meet: nothing is lost by stopping half-way. */
    private static final String SAFE_TO_REPEAT =
            "Every step is safe to repeat: the next build continues where this one stopped";

    /** What to do about a failed call, after its message: the user's fix, or how to ride out AWS or the network. */
    private static final Map<RegistryException.Kind, String> ADVICE = Map.of(
            RegistryException.Kind.CREDENTIALS_REFUSED,
            "Check the access key and secret the build uses (the \"AWS credentials\" line of the build log names "
                    + "their source); replace a deleted or rotated key",
            RegistryException.Kind.CREDENTIALS_EXPIRED,
            "Renew them (e.g. `aws sso login`, or fresh credentials from your CI's identity provider) and build again",
            RegistryException.Kind.PROXY_REFUSED,
            "Give the proxy's <username> and <password> in the settings.xml <proxy>, or list the AWS endpoints in "
                    + "its <nonProxyHosts>",
            RegistryException.Kind.THROTTLED,
            "Raise <maxAttempts> (-Decr.maxAttempts), or run fewer builds against this account at once. "
                    + SAFE_TO_REPEAT,
            RegistryException.Kind.SERVER_ERROR,
            "Build again later, or raise <maxAttempts> (-Decr.maxAttempts); quote the request ID to AWS support if "
                    + "it persists. " + SAFE_TO_REPEAT,
            RegistryException.Kind.TIMED_OUT,
            "Raise <timeout> (-Decr.timeout) if the network to AWS is slow. " + SAFE_TO_REPEAT,
            RegistryException.Kind.HOST_UNKNOWN,
            "Check <endpoint> (-Decr.endpoint) and <region> (-Decr.region), and that this machine's DNS resolves AWS "
                    + "host names",
            RegistryException.Kind.CONNECTION_REFUSED,
            "Check <endpoint> (-Decr.endpoint), and that the network lets the build reach AWS (a firewall, or a proxy "
                    + "missing from settings.xml)",
            RegistryException.Kind.CONNECTION_LOST,
            "Something on the way to AWS (a proxy, a firewall, a VPN) drops connections; raise <maxAttempts> "
                    + "(-Decr.maxAttempts) to ride it out. " + SAFE_TO_REPEAT,
            RegistryException.Kind.TLS_FAILED,
            "If a proxy or a private endpoint presents its own certificate authority, add it to the trust store of "
                    + "the JVM running Maven (-Djavax.net.ssl.trustStore in MAVEN_OPTS)");

    private Failures() {}

    /**
     * Rethrows a failure of the goal as the Maven exception that fits it, with a message that says what to do.
     */
    static void rethrow(Exception e) throws MojoFailureException, MojoExecutionException {
        rethrow(e, Optional.empty(), message -> {}, false);
    }

    /**
     * As {@link #rethrow(Exception)}, for calls made through {@code proxy} (when it refused them for want of the
     * right credentials, whether calling ECR or assuming a role at STS, the message names the settings.xml proxy
     * to fix rather than the AWS call), logging the underlying exceptions' own text to {@code debug}.
     *
     * @param showErrors whether Maven runs with {@code -e}: the original exception is then the cause, which Maven
     *                   prints (and adds to its one-line summary); otherwise it rides along suppressed, and the
     *                   line is the plugin's words alone
     */
    static void rethrow(Exception e, Optional<ProxySettings> proxy, Consumer<String> debug, boolean showErrors)
            throws MojoFailureException, MojoExecutionException {
        try {
            translate(e, proxy, debug);
        } catch (MojoFailureException | MojoExecutionException translated) {
            if (translated.getCause() == null) {
                if (showErrors) {
                    translated.initCause(e);
                } else {
                    translated.addSuppressed(e);
                }
            }
            throw translated;
        }
    }

    /** Throws the Maven exception for {@code e}; its original is attached by {@link #rethrow}. */
    private static void translate(Exception e, Optional<ProxySettings> proxy, Consumer<String> debug)
            throws MojoFailureException, MojoExecutionException {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            debug.accept("Cause of the failure: " + t);
        }
        if (proxy.isPresent() && ProxySettings.refusedAuthentication(e)) {
            throw failure(proxy.get().authenticationRefusedMessage());
        }
        if (e instanceof RegistryException registry) {
            rethrow(registry);
        }
        if (e instanceof InvalidConfigurationException) {
            throw failure(e.getMessage());
        }
        if (e instanceof Reconciler.PolicyRefusedException refused) {
            RegistryException refusal = refused.refusal();
            throw failure("ECR refused " + policyParameters(refused.mode())
                    + refusal.resource().map(resource -> " of " + resource).orElse("") + ": " + refusal.reason()
                    + refused.lockOut()
                            .map(statement -> ". The policy was sent without force, and " + statement
                                    + ": if the build runs as a principal it denies, the policy would stop it from setting "
                                    + "another one, "
                                    + "which ECR refuses unless told to force it. If that is intended, set "
                                    + "<allowLockOut>true</allowLockOut> (-Decr.allowLockOut=true); otherwise narrow "
                                    + "the Deny, or give it a condition")
                            .orElse(". Fix the value ECR names"));
        }
        if (e instanceof Reconciler.InvalidPlanException invalid) {
            throw failure(invalid.getCause().getMessage());
        }
        if (e instanceof EcrClients.MissingRegionException) {
            throw failure("No AWS region is configured. Set <region> (-Decr.region=eu-west-1), "
                    + "the AWS_REGION environment variable, or a region in your AWS profile");
        }
        if (e instanceof Reconciler.RepositoryMissingException missing) {
            throw failure("ECR repository " + missing.repositoryName() + " does not exist, and "
                    + "<createIfMissing> is false. Create it first (e.g. with your infrastructure code), or set "
                    + "<createIfMissing>true</createIfMissing> (-Decr.createIfMissing=true) for an identity allowed "
                    + "ecr:CreateRepository");
        }
        if (e instanceof Reconciler.PullThroughCacheNamespaceException cache) {
            String prefix = cache.rule().ecrRepositoryPrefix();
            throw failure("ECR repository " + cache.repositoryName() + ": nothing was written. The name is in the "
                    + "namespace " + prefix + "/ of the registry's pull through cache rule for "
                    + cache.rule().upstreamRegistryUrl() + ": ECR creates and fills the repositories under " + prefix
                    + "/ itself when an image is pulled through the cache, and the plugin does not make one of them "
                    + "an application repository. Choose a name outside " + prefix + "/ (<repositoryName>), or pull "
                    + "the image through the cache instead of pushing it");
        }
        if (e instanceof Reconciler.ImageTagTakenException taken) {
            throw failure("Image tag " + taken.tag() + " already exists in ECR repository "
                    + taken.repositoryName() + ", whose tags are immutable (" + taken.mutability() + "): ECR would "
                    + "refuse the push. Push a new tag (a new project version, or <jibTag> / -Decr.jib.tag=...; for one "
                    + "of Jib's additional tags, drop it from Jib's <to><tags> or -Djib.to.tags), "
                    + "or make this tag mutable with <imageTagMutability>IMMUTABLE_WITH_EXCLUSION"
                    + "</imageTagMutability> and an exclusion filter matching it");
        }
        if (e instanceof Reconciler.PublicPolicyException) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (e instanceof Reconciler.UnexpectedAnswerException) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (e instanceof CredentialsException credentials && credentials.isConfigurationProblem()) {
            throw failure(e.getMessage());
        }
        throw error(e.getMessage());
    }

    /** The POM parameters whose values an ECR write sends, to name in ECR's refusal of it. */
    static String refusedParameters(String operation) {
        return switch (operation) {
            case "PutLifecyclePolicy", "StartLifecyclePolicyPreview" ->
                "the lifecycle policy (<lifecycleRules>, <lifecyclePolicy> or <lifecyclePolicyFile>)";
            case "SetRepositoryPolicy" -> "the repository policy (<pullPolicy>, <policy> or <policyFile>)";
            case "CreateRepository" ->
                "the repository (<repositoryName>, <imageTagMutability>, <encryption>, " + "<kmsKey> or <tags>)";
            case "PutImageTagMutability" -> "<imageTagMutability> / <imageTagMutabilityExclusionFilters>";
            case "PutImageScanningConfiguration" -> "<scanOnPush>";
            case "TagResource", "UntagResource" -> "<tags>";
            default -> "a value of " + operation;
        };
    }

    /** What the plugin sent as the repository policy in {@code mode}, in the POM's words. */
    static String policyParameters(PolicyMode mode) {
        return mode == PolicyMode.MERGE
                ? "the repository policy written under <policyMode>merge (the statements of <pullPolicy>, <policy> or "
                        + "<policyFile>, merged with the statements kept from ECR)"
                : "the repository policy written under <policyMode>replace (<pullPolicy>, <policy> or <policyFile>)";
    }

    private static void rethrow(RegistryException e) throws MojoFailureException, MojoExecutionException {
        switch (e.kind()) {
            case ACCESS_DENIED ->
                throw failure(
                        "Access denied: " + e.reason() + ". Grant " + e.iamAction()
                                + " to that identity (`mvn ecr:print-iam-policy` prints every action the configured goal needs)");
            case CREDENTIALS_MISSING -> throw failure(EcrClients.NO_CREDENTIALS);
            // The checks before a call refuse only what is certainly wrong; the rest is ECR's to refuse, and
            // its refusal names the value, so the message names the parameters that carried it.
            case REFUSED ->
                throw failure("ECR refused " + refusedParameters(e.operation())
                        + e.resource().map(resource -> " of " + resource).orElse("") + ": " + e.reason() + ". Fix the "
                        + "value ECR names");
            case CREDENTIALS_REFUSED, CREDENTIALS_EXPIRED, PROXY_REFUSED ->
                throw failure(e.getMessage() + ". " + ADVICE.get(e.kind()));
            case THROTTLED, SERVER_ERROR, TIMED_OUT, HOST_UNKNOWN, CONNECTION_REFUSED, CONNECTION_LOST, TLS_FAILED ->
                throw error(e.getMessage() + ". " + ADVICE.get(e.kind()));
            default -> throw error(e.getMessage());
        }
    }

    /** A failure the user fixes in configuration or IAM; {@code e} is attached by {@link #rethrow}. */
    private static MojoFailureException failure(String message) {
        return new MojoFailureException(message);
    }

    /** A failure of AWS or the network; {@code e} is attached by {@link #rethrow}. */
    private static MojoExecutionException error(String message) {
        return new MojoExecutionException(message);
    }
}
