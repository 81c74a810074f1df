package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.aws.AssumedRole;
import io.github.ecrmavenplugin.aws.ClientKey;
import io.github.ecrmavenplugin.aws.ConnectionSettings;
import io.github.ecrmavenplugin.aws.CredentialsException;
import io.github.ecrmavenplugin.aws.CredentialsSettings;
import io.github.ecrmavenplugin.aws.EcrClients;
import io.github.ecrmavenplugin.aws.ProxySettings;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.reconcile.Reconciler;
import io.github.ecrmavenplugin.registry.RegistryException;
import java.net.URI;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * A goal that calls ECR: how it reaches it (endpoint, credentials, role, retries and time-out, a settings.xml
 * proxy), each resolved here, in one place; the tag of the image it looks up; and {@code skip}.
 * {@code print-iam-policy}, which calls nothing, does not have these parameters; {@code warm-up} has
 * {@code jibTag} but does not read it.
 */
public abstract class AbstractEcrCallingMojo extends AbstractEcrMojo {

    /**
     * An ECR endpoint URL that replaces the default one: a VPC or FIPS endpoint, or a local emulator.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.endpoint")
    String endpoint;

    /**
     * Calls ECR at its dual-stack (IPv4 and IPv6) endpoints, for build networks with IPv6 only: the AWS SDK picks
     * ECR's dual-stack API endpoint ({@code ecr.<region>.api.aws}), and the URL handed to Jib and the other image
     * builders ({@code ecr.repositoryUrl}, {@code ecr.registry}, {@code jib.to.image}) names the dual-stack registry
     * host, {@code <registry-id>.dkr-ecr.<region>.on.aws}. Not with {@code endpoint}: the SDK does not combine its
     * dual-stack endpoints with one of one's own, and AWS PrivateLink (a VPC endpoint) does not work over
     * dual-stack. For FIPS over dual-stack, set the SDK's {@code AWS_USE_FIPS_ENDPOINT=true}. Default: false.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code verify-image}, {@code warm-up}.
     *
     * @since 0.2.0
     */
    @Parameter(property = "ecr.dualStack", defaultValue = "false")
    String dualStack;

    /**
     * The {@code <id>} of a {@code settings.xml} {@code <server>} holding an AWS access key: {@code <username>} the
     * access key ID, {@code <password>} the secret access key, which may be encrypted with Maven's master password
     * ({@code mvn --encrypt-password}). Replaces the SDK's default credentials chain; not used with
     * {@code profile}.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.serverId")
    String serverId;

    /**
     * An IAM role to assume through STS before calling ECR, e.g. {@code arn:aws:iam::123456789012:role/ci-ecr}.
     * It is assumed with the credentials the plugin would otherwise use ({@code serverId}, {@code profile}, or the
     * default chain).
     *
     * <p>Acted on by: {@code ensure-repository}, {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.roleArn")
    String roleArn;

    /**
     * The external ID the role's trust policy requires, used with {@code roleArn}.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.roleExternalId")
    String roleExternalId;

    /**
     * The role session name, used with {@code roleArn}: CloudTrail shows it as who made the ECR calls.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.roleSessionName", defaultValue = AssumedRole.DEFAULT_SESSION_NAME)
    String roleSessionName;

    /**
     * An STS endpoint URL that replaces the regional one, for {@code roleArn}: an STS VPC endpoint, or a local
     * emulator. Independent of {@code endpoint}, since ECR and STS have endpoints of their own.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.stsEndpoint")
    String stsEndpoint;

    /**
     * Attempts per ECR call, the first included, before a throttle, a 5xx answer or a dropped connection fails the
     * build (1 = no retries). Retries back off exponentially with jitter.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.maxAttempts", defaultValue = "5")
    Integer maxAttempts;

    /**
     * The most one ECR call may take, all its attempts included: seconds ({@code 90}), with a unit ({@code 90s},
     * {@code 2m}) or ISO-8601 ({@code PT90S}). One attempt may take a third of it before it is retried.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.timeout", defaultValue = "60s")
    String timeout;

    /**
     * The tag of the image Jib pushes, used with {@code jibImage}; also the tag of the image handed to the
     * {@code imageBuilders}, and of the image verify-image looks at when {@code image} is not given.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code verify-image}. Not read by: {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.jib.tag", defaultValue = "${project.version}")
    String jibTag;

    /**
     * Skips the goal: {@code true} or {@code false}.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.skip", defaultValue = "false")
    String skip;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Component
    SettingsDecrypter settingsDecrypter;

    /** The settings.xml proxy the calls of this execution go through, if any: named when it refuses them. */
    private Optional<ProxySettings> proxy = Optional.empty();

    /** A goal's work that calls ECR, in the plugin's own exceptions; {@link #runUnlessSkipped} reports them. */
    interface EcrWork {
        void run() throws MojoExecutionException, MojoFailureException, InvalidConfigurationException;
    }

    /**
     * Runs {@code work} unless {@code skip} is set ("Skipping {@code what} (ecr.skip)" in the log), turning the
     * plugin's failures into Maven's with a message that says what to do ({@link Failures}).
     */
    void runUnlessSkipped(String what, EcrWork work) throws MojoExecutionException, MojoFailureException {
        try {
            if (skip()) {
                getLog().info("Skipping " + what + " (ecr.skip)");
                return;
            }
            checkBooleanParameters();
            work.run();
        } catch (InvalidConfigurationException
                | EcrClients.MissingRegionException
                | CredentialsException
                | RegistryException
                | Reconciler.RepositoryMissingException
                | Reconciler.PullThroughCacheNamespaceException
                | Reconciler.ImageTagTakenException
                | Reconciler.PublicPolicyException
                | Reconciler.PolicyRefusedException
                | Reconciler.UnexpectedAnswerException
                | Reconciler.InvalidPlanException e) {
            Failures.rethrow(e, proxy, getLog()::debug, showErrors());
        }
    }

    boolean skip() throws InvalidConfigurationException {
        return BooleanParameter.parse(skip, "skip", false);
    }

    boolean dualStack() throws InvalidConfigurationException {
        return BooleanParameter.parse(dualStack, "dualStack", false);
    }

    @Override
    void checkBooleanParameters() throws InvalidConfigurationException {
        super.checkBooleanParameters();
        dualStack();
    }

    /** Whether Maven runs with {@code -e}: a failure then carries the AWS SDK's exception as its cause. */
    boolean showErrors() {
        return session != null
                && session.getRequest() != null
                && session.getRequest().isShowErrors();
    }

    ConnectionSettings connection() throws InvalidConfigurationException {
        return ConnectionSettings.of(region, endpoint, profile, maxAttempts, timeout, dualStack());
    }

    /** {@link #connection()}, saying once in the build log what is unsafe about it. */
    ConnectionSettings reportedConnection() throws InvalidConfigurationException {
        ConnectionSettings connection = connection();
        connection.plainTextWarning().ifPresent(getLog()::warn);
        return connection;
    }

    /**
     * Connection, credentials and proxy: what one shared SDK client is built from.
     *
     * @param report whether to log which proxy the calls go through (once per execution of the goal)
     */
    ClientKey clientKey(ConnectionSettings connection, boolean report) throws InvalidConfigurationException {
        boolean withServer = serverId != null && !serverId.isBlank();
        if (withServer && connection.profile().isPresent()) {
            throw new InvalidConfigurationException(
                    "serverId",
                    "give either <serverId> or <profile>, not both: "
                            + "both name where the AWS credentials come from");
        }
        CredentialsSettings credentials = new CredentialsSettings(
                withServer
                        ? Optional.of(MavenSettingsAccess.server(settings, settingsDecrypter, serverId.trim()))
                        : Optional.empty(),
                AssumedRole.of(roleArn, roleExternalId, roleSessionName),
                CredentialsSettings.stsEndpoint(stsEndpoint));
        String scheme = connection.endpoint().map(URI::getScheme).orElse("https");
        proxy = MavenSettingsAccess.proxy(settings, settingsDecrypter, scheme);
        if (report) {
            proxy.ifPresent(p -> logProxy(p, connection));
        }
        return new ClientKey(connection, credentials, proxy);
    }

    private void logProxy(ProxySettings proxy, ConnectionSettings connection) {
        Optional<String> host = connection.endpoint().map(URI::getHost);
        if (host.isPresent() && proxy.bypasses(host.get())) {
            getLog().info("AWS calls to " + host.get() + " bypass proxy " + proxy.describe());
            return;
        }
        getLog().info("AWS calls go through proxy " + proxy.describe());
    }
}
