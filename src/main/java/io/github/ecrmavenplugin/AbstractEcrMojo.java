package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.aws.AssumedRole;
import io.github.ecrmavenplugin.aws.ClientKey;
import io.github.ecrmavenplugin.aws.ConnectionSettings;
import io.github.ecrmavenplugin.aws.CredentialsException;
import io.github.ecrmavenplugin.aws.CredentialsSettings;
import io.github.ecrmavenplugin.aws.EcrClients;
import io.github.ecrmavenplugin.aws.ProxySettings;
import io.github.ecrmavenplugin.model.AccountId;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.publish.ImageBuilder;
import io.github.ecrmavenplugin.reconcile.Reconciler;
import io.github.ecrmavenplugin.registry.RegistryException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.ContextEnabled;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal of the plugin reads: which repositories (the {@linkplain RepositorySettings settings} it
 * inherits, or {@code <repositories>}), where ECR is and who calls it (region, endpoint, credentials, role,
 * proxy), and the push target of Jib and the other image builders. Each is resolved here, in one place.
 *
 * <p>It implements {@link Mojo} itself rather than extending {@code AbstractMojo}: Java allows one superclass, and
 * that place goes to {@link RepositorySettings}, so that the settings of a repository are declared once for the
 * top level and for {@code <repositories>} alike.
 */
public abstract class AbstractEcrMojo extends RepositorySettings implements Mojo, ContextEnabled {

    /**
     * The repository name, e.g. {@code team/my-service}. Not used when {@code repositories} is given.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.repositoryName", defaultValue = "${project.artifactId}")
    String repositoryName;

    /**
     * Several repositories, each with its own settings (see the single-repository parameters of the same names).
     * When given, the single-repository settings must not be set at the top level. Jib pushes to the first one.
     *
     * @since 0.1.0
     */
    @Parameter
    List<RepositoryParameters> repositories;

    /**
     * The AWS region, e.g. {@code eu-west-1}. Default: {@code AWS_REGION}, {@code aws.region}, or the profile's.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.region")
    String region;

    /**
     * The account ID of the registry, when it is not the account of the credentials.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.registryId")
    String registryId;

    /**
     * An ECR endpoint URL that replaces the default one: a VPC or FIPS endpoint, or a local emulator.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.endpoint")
    String endpoint;

    /**
     * A profile of the shared AWS config and credentials files. Default: the SDK's default credentials chain.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.profile")
    String profile;

    /**
     * The {@code <id>} of a {@code settings.xml} {@code <server>} holding an AWS access key: {@code <username>} the
     * access key ID, {@code <password>} the secret access key, which may be encrypted with Maven's master password
     * ({@code mvn --encrypt-password}). Replaces the SDK's default credentials chain; not used with
     * {@code profile}.
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
     * @since 0.1.0
     */
    @Parameter(property = "ecr.roleArn")
    String roleArn;

    /**
     * The external ID the role's trust policy requires, used with {@code roleArn}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.roleExternalId")
    String roleExternalId;

    /**
     * The role session name, used with {@code roleArn}: CloudTrail shows it as who made the ECR calls.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.roleSessionName", defaultValue = AssumedRole.DEFAULT_SESSION_NAME)
    String roleSessionName;

    /**
     * An STS endpoint URL that replaces the regional one, for {@code roleArn}: an STS VPC endpoint, or a local
     * emulator. Independent of {@code endpoint}, since ECR and STS have endpoints of their own.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.stsEndpoint")
    String stsEndpoint;

    /**
     * Attempts per ECR call, the first included, before a throttle, a 5xx answer or a dropped connection fails the
     * build (1 = no retries). Retries back off exponentially with jitter.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.maxAttempts", defaultValue = "5")
    Integer maxAttempts;

    /**
     * The most one ECR call may take, all its attempts included: seconds ({@code 90}), with a unit ({@code 90s},
     * {@code 2m}) or ISO-8601 ({@code PT90S}). One attempt may take a third of it before it is retried.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.timeout", defaultValue = "60s")
    String timeout;

    /**
     * Creates a missing repository. With {@code false} the repository must exist (for CI roles without
     * {@code ecr:CreateRepository}); the goal still checks its settings and publishes its URL.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.createIfMissing", defaultValue = "true")
    boolean createIfMissing;

    /**
     * Sets {@code jib.to.image} to {@code <repository URL>:<jibTag>}, so {@code jib:build} pushes to this
     * repository without a {@code <to><image>} of its own. A {@code -Djib.to.image} on the command line still wins.
     * When the tag is immutable in the repository and an image already has it, the goal fails before the push.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.jib.image", defaultValue = "false")
    boolean jibImage;

    /**
     * Sets {@code jib.to.auth.username} and {@code jib.to.auth.password} from an ECR authorization token, so Jib
     * can push without {@code docker-credential-ecr-login}. The token is fetched once per registry per build.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.jib.auth", defaultValue = "false")
    boolean jibAuth;

    /**
     * The image builders besides Jib to hand this repository and its push credentials to, one name each:
     * {@code quarkus}, {@code jkube}, {@code spring-boot}, {@code docker-maven-plugin} (or
     * {@code -Decr.imageBuilders=quarkus,jkube}). Each gets the image {@code <repository URL>:<jibTag>} and an ECR
     * token in the properties it reads (see the "Other image builders" page); nothing is set for a builder not
     * named here. As with {@code jibImage}, an immutable tag an image already has fails the goal before the push.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.imageBuilders")
    List<String> imageBuilders;

    /**
     * The tag of the image Jib pushes, used with {@code jibImage}; also the tag of the image handed to the
     * {@code imageBuilders}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.jib.tag", defaultValue = "${project.version}")
    String jibTag;

    /**
     * Skips the goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Component
    SettingsDecrypter settingsDecrypter;

    private Log log;

    @SuppressWarnings("rawtypes")
    private Map pluginContext;

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
        if (skip) {
            getLog().info("Skipping " + what + " (ecr.skip)");
            return;
        }
        try {
            work.run();
        } catch (InvalidConfigurationException | EcrClients.MissingRegionException | CredentialsException
                | RegistryException | Reconciler.RepositoryMissingException | Reconciler.ImageTagTakenException
                | Reconciler.PublicPolicyException | Reconciler.UnexpectedAnswerException
                | Reconciler.InvalidPlanException e) {
            Failures.rethrow(e, proxy, getLog()::debug, showErrors());
        }
    }

    /** Whether Maven runs with {@code -e}: a failure then carries the AWS SDK's exception as its cause. */
    boolean showErrors() {
        return session != null && session.getRequest() != null && session.getRequest().isShowErrors();
    }

    /** The repositories as the POM declares them, validated. */
    List<RepositorySpec> specs() throws InvalidConfigurationException {
        return RepositoryParameters.specs(repositoryName, this, repositories,
                () -> EcrClients.configuredRegion(connection()));
    }

    /** The builders named in {@code imageBuilders}, validated; empty when none is. */
    List<ImageBuilder> imageBuilders() throws InvalidConfigurationException {
        Set<ImageBuilder> builders = new LinkedHashSet<>();
        for (String name : imageBuilders == null ? List.<String>of() : imageBuilders) {
            if (name == null || name.isBlank()) {
                continue;
            }
            ImageBuilder builder = ImageBuilder.byId(name).orElseThrow(() -> new InvalidConfigurationException(
                    "imageBuilders", "unknown image builder '" + name.trim() + "'; known: " + ImageBuilder.ids()));
            builders.add(builder);
        }
        return List.copyOf(builders);
    }

    /** The registry's account ID, validated; {@code null} for the credentials' own. */
    String registry() throws InvalidConfigurationException {
        return registryId == null || registryId.isBlank() ? null : AccountId.valid(registryId, "registryId");
    }

    ConnectionSettings connection() throws InvalidConfigurationException {
        return ConnectionSettings.of(region, endpoint, profile, maxAttempts, timeout);
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
            throw new InvalidConfigurationException("serverId", "give either <serverId> or <profile>, not both: "
                    + "both name where the AWS credentials come from");
        }
        CredentialsSettings credentials = new CredentialsSettings(
                withServer ? Optional.of(MavenSettingsAccess.server(settings, settingsDecrypter, serverId.trim()))
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

    @Override
    public void setLog(Log log) {
        this.log = log;
    }

    @Override
    public Log getLog() {
        if (log == null) {
            log = new SystemStreamLog();
        }
        return log;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Map getPluginContext() {
        return pluginContext;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void setPluginContext(Map pluginContext) {
        this.pluginContext = pluginContext;
    }
}
