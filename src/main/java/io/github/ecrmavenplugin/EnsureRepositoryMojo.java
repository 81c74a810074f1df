package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.ecr.AuthorizationToken;
import io.github.ecrmavenplugin.ecr.AuthorizationTokens;
import io.github.ecrmavenplugin.ecr.AssumedRole;
import io.github.ecrmavenplugin.ecr.ClientKey;
import io.github.ecrmavenplugin.ecr.ConnectionSettings;
import io.github.ecrmavenplugin.ecr.CredentialsException;
import io.github.ecrmavenplugin.ecr.CredentialsSettings;
import io.github.ecrmavenplugin.ecr.EcrClients;
import io.github.ecrmavenplugin.ecr.ProxySettings;
import io.github.ecrmavenplugin.ecr.Registries;
import io.github.ecrmavenplugin.ecr.Registry;
import io.github.ecrmavenplugin.ecr.RegistryException;
import io.github.ecrmavenplugin.ecr.Repository;
import io.github.ecrmavenplugin.publish.JibProperties;
import io.github.ecrmavenplugin.publish.RepositoryProperties;
import io.github.ecrmavenplugin.reconcile.Plan;
import io.github.ecrmavenplugin.reconcile.PlanReport;
import io.github.ecrmavenplugin.reconcile.Reconciler;
import io.github.ecrmavenplugin.spec.AccountId;
import io.github.ecrmavenplugin.spec.ImageTag;
import io.github.ecrmavenplugin.spec.InvalidConfigurationException;
import io.github.ecrmavenplugin.spec.RepositorySpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Makes Amazon ECR repositories exist as the POM declares them, then publishes the URL of the (first) repository
 * as project properties ({@code ecr.repositoryUrl}, {@code ecr.registry}, {@code ecr.repositoryArn},
 * {@code ecr.registryId}, {@code ecr.repositoryName}) for the plugins that run after it, Jib above all.
 *
 * <p>A repository is created when missing, with its tag mutability, scanning, encryption and tags. Settings that
 * drift are corrected; policies are compared by meaning and rewritten only when they differ. Encryption cannot be
 * changed after creation: a difference is reported as a warning. Nothing is deleted unless the POM asks for it
 * ({@code purgeTags}). With {@code plan} the goal only reads and reports what it would change.
 */
@Mojo(name = "ensure-repository", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class EnsureRepositoryMojo extends AbstractMojo {

    /** The repository name, e.g. {@code team/my-service}. Not used when {@code repositories} is given. */
    @Parameter(property = "ecr.repositoryName", defaultValue = "${project.artifactId}")
    private String repositoryName;

    /**
     * Several repositories, each with its own settings (see the single-repository parameters of the same names).
     * When given, the single-repository settings must not be set at the top level. Jib pushes to the first one.
     */
    @Parameter
    private List<RepositoryParameters> repositories;

    /** The AWS region, e.g. {@code eu-west-1}. Default: {@code AWS_REGION}, {@code aws.region}, or the profile's. */
    @Parameter(property = "ecr.region")
    private String region;

    /** The account ID of the registry, when it is not the account of the credentials. */
    @Parameter(property = "ecr.registryId")
    private String registryId;

    /** An ECR endpoint URL that replaces the default one: a VPC or FIPS endpoint, or a local emulator. */
    @Parameter(property = "ecr.endpoint")
    private String endpoint;

    /** A profile of the shared AWS config and credentials files. Default: the SDK's default credentials chain. */
    @Parameter(property = "ecr.profile")
    private String profile;

    /**
     * The {@code <id>} of a {@code settings.xml} {@code <server>} holding an AWS access key: {@code <username>} the
     * access key ID, {@code <password>} the secret access key, which may be encrypted with Maven's master password
     * ({@code mvn --encrypt-password}). Replaces the SDK's default credentials chain; not used with
     * {@code profile}.
     */
    @Parameter(property = "ecr.serverId")
    private String serverId;

    /**
     * An IAM role to assume through STS before calling ECR, e.g. {@code arn:aws:iam::123456789012:role/ci-ecr}.
     * It is assumed with the credentials the plugin would otherwise use ({@code serverId}, {@code profile}, or the
     * default chain).
     */
    @Parameter(property = "ecr.roleArn")
    private String roleArn;

    /** The external ID the role's trust policy requires, used with {@code roleArn}. */
    @Parameter(property = "ecr.roleExternalId")
    private String roleExternalId;

    /** The role session name, used with {@code roleArn}: CloudTrail shows it as who made the ECR calls. */
    @Parameter(property = "ecr.roleSessionName", defaultValue = AssumedRole.DEFAULT_SESSION_NAME)
    private String roleSessionName;

    /**
     * An STS endpoint URL that replaces the regional one, for {@code roleArn}: an STS VPC endpoint, or a local
     * emulator. Independent of {@code endpoint}, since ECR and STS have endpoints of their own.
     */
    @Parameter(property = "ecr.stsEndpoint")
    private String stsEndpoint;

    /** Who may pull: accounts, role or user ARNs, organizations, and AWS services. Renders the repository policy. */
    @Parameter
    private PullPolicyParameters pullPolicy;

    /** A repository policy as inline JSON. */
    @Parameter(property = "ecr.policy")
    private String policy;

    /** A file holding the repository policy as JSON. */
    @Parameter(property = "ecr.policyFile")
    private File policyFile;

    /**
     * How the declared policy relates to the one in ECR: {@code replace} (default; the POM's policy is the whole
     * policy) or {@code merge} (the plugin owns only its own statements, identified by {@code Sid}, and keeps
     * statements with other Sids that others added).
     */
    @Parameter(property = "ecr.policyMode")
    private String policyMode;

    /** Allows a policy that lets everyone ({@code *}) use the repository, without a condition. Default: false. */
    @Parameter(property = "ecr.allowPublicAccess")
    private Boolean allowPublicAccess;

    /**
     * Whether image tags can be overwritten: {@code MUTABLE}, {@code IMMUTABLE}, {@code IMMUTABLE_WITH_EXCLUSION}
     * or {@code MUTABLE_WITH_EXCLUSION}. Set at creation, corrected on drift ({@code PutImageTagMutability}).
     * Default: left as ECR has it ({@code MUTABLE} for a new repository).
     */
    @Parameter(property = "ecr.imageTagMutability")
    private String imageTagMutability;

    /**
     * For the {@code *_WITH_EXCLUSION} modes: one to five wildcard filters ({@code *} matches anything) naming the
     * tags that behave the other way, e.g. {@code latest} or {@code dev-*}. As a property: comma-separated.
     */
    @Parameter(property = "ecr.imageTagMutabilityExclusionFilters")
    private List<String> imageTagMutabilityExclusionFilters;

    /**
     * Whether ECR scans each image for vulnerabilities on push. Set at creation, corrected on drift. Default: left
     * as ECR has it ({@code false} for a new repository).
     */
    @Parameter(property = "ecr.scanOnPush")
    private Boolean scanOnPush;

    /**
     * The repository's tags, e.g. {@code <tags><team>payments</team></tags>}. Set at creation, added or corrected
     * on drift ({@code TagResource}); tags not listed here are kept unless {@code purgeTags} is set.
     */
    @Parameter
    private Map<String, String> tags;

    /** Removes the repository's tags that {@code tags} does not list ({@code UntagResource}). Default: false. */
    @Parameter(property = "ecr.purgeTags")
    private Boolean purgeTags;

    /**
     * The lifecycle policy as inline JSON ({@code {"rules": [...]}}), written when it differs by meaning from the
     * one in ECR ({@code PutLifecyclePolicy}). One of {@code lifecyclePolicy}, {@code lifecyclePolicyFile} and
     * {@code lifecycleRules}.
     */
    @Parameter(property = "ecr.lifecyclePolicy")
    private String lifecyclePolicy;

    /** A file holding the lifecycle policy as JSON. */
    @Parameter(property = "ecr.lifecyclePolicyFile")
    private File lifecyclePolicyFile;

    /**
     * The lifecycle policy as short rules, in priority order: each {@code <rule>} has {@code keepLast} or
     * {@code expireAfterDays}, and optionally {@code tagStatus} ({@code tagged}, {@code untagged}, {@code any}),
     * {@code tagPrefixes}, {@code tagPatterns} and {@code description}.
     */
    @Parameter
    private List<LifecycleRuleParameters> lifecycleRules;

    /**
     * Encryption at rest: {@code AES256}, {@code KMS} or {@code KMS_DSSE}. Set at creation only; on an existing
     * repository a difference is reported as a warning (ECR cannot change it, and the plugin never deletes).
     */
    @Parameter(property = "ecr.encryption")
    private String encryption;

    /** The KMS key (ARN, key ID or alias) for {@code KMS} and {@code KMS_DSSE}. Default: the AWS-managed key. */
    @Parameter(property = "ecr.kmsKey")
    private String kmsKey;

    /**
     * Creates a missing repository. With {@code false} the repository must exist (for CI roles without
     * {@code ecr:CreateRepository}); the goal still checks its settings and publishes its URL.
     */
    @Parameter(property = "ecr.createIfMissing", defaultValue = "true")
    private boolean createIfMissing;

    /**
     * Plan mode: reads only, prints what would change as a diff, and writes it as JSON to {@code planFile}.
     * Nothing in ECR is changed.
     */
    @Parameter(property = "ecr.plan", defaultValue = "false")
    private boolean plan;

    /**
     * Fails the build when ECR differs from the POM in anything (a missing repository, a setting, a policy, a
     * tag, or a creation-only setting). Implies {@code plan}: reads only, so read-only credentials suffice, e.g.
     * in pull-request checks.
     */
    @Parameter(property = "ecr.failOnDrift", defaultValue = "false")
    private boolean failOnDrift;

    /** Where plan mode writes the plan as JSON. */
    @Parameter(property = "ecr.planFile", defaultValue = "${project.build.directory}/ecr-plan.json")
    private File planFile;

    /**
     * Sets {@code jib.to.image} to {@code <repository URL>:<jibTag>}, so {@code jib:build} pushes to this
     * repository without a {@code <to><image>} of its own. A {@code -Djib.to.image} on the command line still wins.
     * When the tag is immutable in the repository and an image already has it, the goal fails before the push.
     */
    @Parameter(property = "ecr.jib.image", defaultValue = "false")
    private boolean jibImage;

    /**
     * Sets {@code jib.to.auth.username} and {@code jib.to.auth.password} from an ECR authorization token, so Jib
     * can push without {@code docker-credential-ecr-login}. The token is fetched once per registry per build.
     */
    @Parameter(property = "ecr.jib.auth", defaultValue = "false")
    private boolean jibAuth;

    /** The tag of the image Jib pushes, used with {@code jibImage}. */
    @Parameter(property = "ecr.jib.tag", defaultValue = "${project.version}")
    private String jibTag;

    /**
     * Attempts per ECR call, the first included, before a throttle, a 5xx answer or a dropped connection fails the
     * build (1 = no retries). Retries back off exponentially with jitter.
     */
    @Parameter(property = "ecr.maxAttempts", defaultValue = "5")
    private Integer maxAttempts;

    /**
     * The most one ECR call may take, all its attempts included: seconds ({@code 90}), with a unit ({@code 90s},
     * {@code 2m}) or ISO-8601 ({@code PT90S}). One attempt may take a third of it before it is retried.
     */
    @Parameter(property = "ecr.timeout", defaultValue = "60s")
    private String timeout;

    /** Fails an offline build ({@code mvn -o}) instead of skipping the goal with a warning. */
    @Parameter(property = "ecr.failWhenOffline", defaultValue = "false")
    private boolean failWhenOffline;

    /** Skips the goal. */
    @Parameter(property = "ecr.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    @Component
    private SettingsDecrypter settingsDecrypter;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping ECR repository check (ecr.skip)");
            return;
        }
        Optional<ProxySettings> proxy = Optional.empty();
        try {
            List<RepositorySpec> specs = specs();
            String registry = registry();
            ConnectionSettings connection = connection();
            ClientKey client = clientKey(connection, true);
            proxy = client.proxy();
            String tag = jibImage ? ImageTag.valid(jibTag, "jibTag") : null;
            // The configuration is checked offline too; only the calls to AWS are skipped.
            if (skipOffline()) {
                return;
            }
            Reconciler.Options options = new Reconciler.Options(createIfMissing, jibImage
                    ? Optional.of(new Reconciler.PushTarget(specs.get(0).name(), tag)) : Optional.empty());

            CloseClientsAtSessionEnd.register(session.getRequest());
            Registries.Connected connected = Registries.connect(client, registry, getLog()::debug);
            Registry ecr = connected.registry();
            getLog().info("AWS credentials: " + connected.credentials());
            Reconciler reconciler = new Reconciler(ecr, getLog()::debug);
            Optional<Repository> target;
            if (plan || failOnDrift) {
                target = planOnly(reconciler.plan(specs, options));
            } else {
                List<Reconciler.Result> results = reconciler.ensure(specs, options);
                for (Reconciler.Result result : results) {
                    getLog().info("ECR repository " + result.repository().name() + " " + result.plan().outcome()
                            + ": " + result.repository().uri());
                    result.plan().mismatches().forEach(m -> getLog().warn("ECR repository "
                            + result.repository().name() + ": " + m.message()));
                }
                results.stream().skip(1).forEach(result -> RepositoryProperties
                        .publishNamed(result.repository(), project.getProperties()));
                target = Optional.of(results.get(0).repository());
            }
            if (target.isPresent()) {
                publish(target.get(), client, ecr, tag);
            }
        } catch (InvalidConfigurationException | EcrClients.MissingRegionException | CredentialsException
                | Reconciler.RepositoryMissingException | Reconciler.ImageTagTakenException | RegistryException e) {
            Failures.rethrow(e, proxy);
        }
    }

    /** The repositories as the POM declares them, validated. */
    List<RepositorySpec> specs() throws InvalidConfigurationException {
        return RepositoryParameters.specs(singleRepository(), repositories);
    }

    /** The registry's account ID, validated; {@code null} for the credentials' own. */
    String registry() throws InvalidConfigurationException {
        return registryId == null || registryId.isBlank() ? null : AccountId.valid(registryId, "registryId");
    }

    ConnectionSettings connection() throws InvalidConfigurationException {
        return ConnectionSettings.of(region, endpoint, profile, maxAttempts, timeout);
    }

    boolean skip() {
        return skip;
    }

    MavenSession session() {
        return session;
    }

    // For print-iam-policy, which reads the same configuration.
    String region() {
        return region;
    }

    String registryId() {
        return registryId;
    }

    boolean jibImage() {
        return jibImage;
    }

    boolean jibAuth() {
        return jibAuth;
    }

    boolean createIfMissing() {
        return createIfMissing;
    }

    /** True when Maven runs offline and the user did not ask for a failure then. */
    private boolean skipOffline() throws MojoFailureException {
        if (session == null || !session.isOffline()) {
            return false;
        }
        if (failWhenOffline) {
            throw new MojoFailureException("Maven runs offline (-o), so the ECR repository cannot be checked; "
                    + "build online, or drop <failWhenOffline> (-Decr.failWhenOffline) to skip the goal");
        }
        getLog().warn("Maven runs offline (-o): skipping the ECR repository check; no ecr.* properties are set "
                + "(set <failWhenOffline> to fail instead)");
        return true;
    }

    /** The top-level single-repository parameters, in the shape of a {@code <repositories>} entry. */
    private RepositoryParameters singleRepository() {
        RepositoryParameters single = new RepositoryParameters();
        single.name = repositoryName;
        single.imageTagMutability = imageTagMutability;
        single.imageTagMutabilityExclusionFilters = imageTagMutabilityExclusionFilters;
        single.scanOnPush = scanOnPush;
        single.tags = tags;
        single.purgeTags = purgeTags;
        single.lifecyclePolicy = lifecyclePolicy;
        single.lifecyclePolicyFile = lifecyclePolicyFile;
        single.lifecycleRules = lifecycleRules;
        single.encryption = encryption;
        single.kmsKey = kmsKey;
        single.pullPolicy = pullPolicy;
        single.policy = policy;
        single.policyFile = policyFile;
        single.policyMode = policyMode;
        single.allowPublicAccess = allowPublicAccess;
        return single;
    }

    /** Reports the plans, writes them as JSON, and fails on drift when asked; returns the first repository. */
    private Optional<Repository> planOnly(List<Plan> plans) throws MojoFailureException, MojoExecutionException {
        boolean inSync = plans.stream().allMatch(Plan::inSync);
        getLog().info("ECR plan (reads only, nothing changed):");
        for (String line : PlanReport.text(plans)) {
            if (inSync) {
                getLog().info("  " + line);
            } else {
                getLog().warn("  " + line);
            }
        }
        try {
            Files.createDirectories(planFile.toPath().toAbsolutePath().getParent());
            Files.writeString(planFile.toPath(), PlanReport.json(plans), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the plan to " + planFile + ": " + e.getMessage(), e);
        }
        getLog().info("ECR plan written to " + planFile);
        if (failOnDrift && !inSync) {
            long drifted = plans.stream().filter(p -> !p.inSync()).count();
            throw new MojoFailureException("ECR differs from the POM for " + drifted + " of " + plans.size()
                    + " repositor" + (plans.size() == 1 ? "y" : "ies") + " (see the plan above and " + planFile
                    + "); run the build without -Decr.failOnDrift and -Decr.plan to apply the POM");
        }
        plans.stream().skip(1).flatMap(p -> p.observed().repository().stream())
                .forEach(r -> RepositoryProperties.publishNamed(r, project.getProperties()));
        return plans.get(0).observed().repository();
    }

    private void publish(Repository repository, ClientKey client, Registry ecr, String tag) {
        Map<String, String> published = RepositoryProperties.publish(repository, project.getProperties());
        published.forEach((key, value) -> getLog().debug("Set project property " + key + "=" + value));
        if (jibImage) {
            publishJibImage(JibProperties.image(repository, tag));
        }
        if (jibAuth) {
            AuthorizationToken token = AuthorizationTokens.get(List.of(client, repository.registryId()),
                    ecr::authorizationToken, Clock.systemUTC());
            JibProperties.publishAuth(token, project.getProperties());
            getLog().info("Jib push credentials set for " + repository.registryHost() + " (ECR token valid "
                    + "until " + token.expiresAt() + ")");
        }
    }


    private void logProxy(ProxySettings proxy, ConnectionSettings connection) {
        Optional<String> host = connection.endpoint().map(java.net.URI::getHost);
        if (host.isPresent() && proxy.bypasses(host.get())) {
            getLog().info("AWS calls to " + host.get() + " bypass proxy " + proxy.describe());
            return;
        }
        getLog().info("AWS calls go through proxy " + proxy.describe());
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
        String scheme = connection.endpoint().map(uri -> uri.getScheme()).orElse("https");
        Optional<ProxySettings> proxy = MavenSettingsAccess.proxy(settings, settingsDecrypter, scheme);
        if (report) {
            proxy.ifPresent(p -> logProxy(p, connection));
        }
        return new ClientKey(connection, credentials, proxy);
    }

    private void publishJibImage(String image) {
        JibProperties.publishImage(image, project.getProperties());
        String fromCommandLine = session.getUserProperties().getProperty(JibProperties.TO_IMAGE);
        if (fromCommandLine != null) {
            getLog().info("Jib pushes to " + fromCommandLine + " (-D" + JibProperties.TO_IMAGE
                    + " on the command line wins over " + image + ")");
        } else {
            getLog().info("Jib pushes to " + image);
        }
    }
}
