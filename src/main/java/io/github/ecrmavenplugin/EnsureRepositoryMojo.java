package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.aws.AuthorizationTokens;
import io.github.ecrmavenplugin.aws.ClientKey;
import io.github.ecrmavenplugin.aws.ConnectionSettings;
import io.github.ecrmavenplugin.aws.EcrClients;
import io.github.ecrmavenplugin.aws.Registries;
import io.github.ecrmavenplugin.model.ImageTag;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.publish.Handover;
import io.github.ecrmavenplugin.publish.ImageBuilder;
import io.github.ecrmavenplugin.reconcile.Reconciler;
import io.github.ecrmavenplugin.reconcile.RepositoryEnsurer;
import io.github.ecrmavenplugin.registry.AuthorizationToken;
import io.github.ecrmavenplugin.registry.Repository;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Makes Amazon ECR repositories exist as the POM declares them, then publishes the URL of the (first) repository
 * as project properties ({@code ecr.repositoryUrl}, {@code ecr.registry}, {@code ecr.repositoryArn},
 * {@code ecr.registryId}, {@code ecr.repositoryName}) for the plugins that run after it, Jib above all, and on
 * request the image name and push credentials for Jib ({@code jibImage}, {@code jibAuth}) and for other image
 * builders ({@code imageBuilders}).
 *
 * <p>A repository is created when missing, with its tag mutability, scanning, encryption and tags. Settings that
 * drift are corrected; policies are compared by meaning and rewritten only when they differ. Encryption cannot be
 * changed after creation: a difference is reported as a warning. Nothing is deleted unless the POM asks for it
 * ({@code purgeTags}). With {@code plan} the goal only reads and reports what it would change. The work is
 * {@link RepositoryEnsurer}'s; the goal publishes what it made sure of ({@link Handover}).
 *
 * <p>Acts on: {@code plan}, {@code failOnDrift}, {@code planFile}, {@code failWhenOffline},
 * {@code lifecyclePreviewTimeout}, {@code repositoryName}, {@code repositories}, {@code imageTagMutability},
 * {@code imageTagMutabilityExclusionFilters}, {@code scanOnPush}, {@code tags}, {@code purgeTags},
 * {@code lifecyclePolicy}, {@code lifecyclePolicyFile}, {@code lifecycleRules}, {@code encryption}, {@code kmsKey},
 * {@code pullPolicy}, {@code policy}, {@code policyFile}, {@code policyMode}, {@code allowPublicAccess},
 * {@code allowLockOut}, {@code creationTemplate}, {@code registryId}, {@code region}, {@code profile},
 * {@code createIfMissing}, {@code jibImage}, {@code jibAuth}, {@code imageBuilders}, {@code jibTag}, {@code endpoint},
 * {@code dualStack}, {@code serverId}, {@code roleArn}, {@code roleExternalId}, {@code roleSessionName},
 * {@code stsEndpoint}, {@code maxAttempts}, {@code timeout}, {@code skip}. It acts on every parameter it has: it checks
 * none without acting on it.
 */
@Mojo(name = "ensure-repository", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class EnsureRepositoryMojo extends AbstractEcrCallingMojo {

    /**
     * Plan mode: reads only, prints what would change as a diff, and writes it as JSON to {@code planFile}.
     * Nothing in ECR is changed. {@code true} or {@code false}: any other value fails the build before any call.
     *
     * <p>Acted on by: {@code ensure-repository}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.plan", defaultValue = "false")
    private String plan;

    /**
     * Fails the build when ECR differs from the POM in anything (a missing repository, a setting, a policy, a
     * tag, or a creation-only setting). Implies {@code plan}: reads only, so read-only credentials suffice, e.g.
     * in pull-request checks. {@code true} or {@code false}: any other value fails the build before any call.
     *
     * <p>Acted on by: {@code ensure-repository}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.failOnDrift", defaultValue = "false")
    private String failOnDrift;

    /**
     * Where plan mode writes the plan as JSON.
     *
     * <p>Acted on by: {@code ensure-repository}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.planFile", defaultValue = "${project.build.directory}/ecr-plan.json")
    private File planFile;

    /**
     * Fails an offline build ({@code mvn -o}) instead of skipping the goal with a warning: {@code true} or
     * {@code false}.
     *
     * <p>Acted on by: {@code ensure-repository}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.failWhenOffline", defaultValue = "false")
    private String failWhenOffline;

    /**
     * How long, in seconds, to wait for ECR's lifecycle policy preview. Before a lifecycle policy is written (and
     * in plan mode) the goal asks ECR what the new policy would do to the images there now
     * ({@code StartLifecyclePolicyPreview}, which applies nothing) and prints, per rule, how many images it would
     * expire or archive. A preview that takes longer is reported and skipped; {@code 0} skips previews.
     *
     * <p>Acted on by: {@code ensure-repository}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.lifecyclePreviewTimeout", defaultValue = "30")
    private int lifecyclePreviewTimeout;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        runUnlessSkipped("ECR repository check", this::ensureRepositories);
    }

    @Override
    void checkBooleanParameters() throws InvalidConfigurationException {
        super.checkBooleanParameters();
        BooleanParameter.parse(plan, "plan", false);
        failOnDrift();
        failWhenOffline();
    }

    /** Whether the run only reads: {@code plan}, or {@code failOnDrift}, which implies it. */
    private boolean readOnly() throws InvalidConfigurationException {
        return BooleanParameter.parse(plan, "plan", false) || failOnDrift();
    }

    private boolean failOnDrift() throws InvalidConfigurationException {
        return BooleanParameter.parse(failOnDrift, "failOnDrift", false);
    }

    private boolean failWhenOffline() throws InvalidConfigurationException {
        return BooleanParameter.parse(failWhenOffline, "failWhenOffline", false);
    }

    private void ensureRepositories()
            throws MojoExecutionException, MojoFailureException, InvalidConfigurationException {
        boolean readOnly = readOnly();
        if (readOnly) {
            OutputFile.check(planFile, "planFile", "target/ecr-plan.json");
        }
        boolean jibImage = jibImage();
        ConnectionSettings connection = reportedConnection();
        ClientKey client = clientKey(connection, true);
        if (!session.isOffline()) {
            // The region, the credentials and the SDK's client are made ready while the rest is checked.
            CloseClientsAtSessionEnd.register(session.getRequest());
            EcrClients.prepare(client);
        }
        List<RepositorySpec> specs = specs();
        specs.forEach(spec -> spec.warnings().forEach(getLog()::warn));
        String registry = registry();
        List<ImageBuilder> builders = imageBuilders();
        boolean imageHandedOver = jibImage || !builders.isEmpty();
        String tag = imageHandedOver ? ImageTag.valid(jibTag, "jibTag") : null;
        // The configuration is checked offline too; only the calls to AWS are skipped.
        if (skipOffline()) {
            return;
        }
        Reconciler.Options options = new Reconciler.Options(
                createIfMissing(),
                imageHandedOver
                        ? Optional.of(new Reconciler.PushTarget(
                                specs.get(0).name(), tag, JibTags.additional(project, session.getUserProperties())))
                        : Optional.empty());
        RepositoryEnsurer.Mode mode =
                new RepositoryEnsurer.Mode(readOnly, failOnDrift(), previewTimeout(), planFile.toPath());
        Registries.Connected connected = Registries.connect(client, registry, getLog()::debug);
        getLog().info("AWS credentials: " + connected.credentialsSource());
        RepositoryEnsurer.Ensured ensured;
        try {
            ensured = new RepositoryEnsurer(connected.registry(), getLog()::debug, getLog()::info, getLog()::warn)
                    .ensure(specs, options, mode, new PlanLog(getLog(), planFile));
        } catch (RepositoryEnsurer.DriftException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the plan to " + planFile + ": " + e.getMessage(), e);
        }
        // Over dual-stack, the image builders reach the registry at its dual-stack host.
        UnaryOperator<Repository> handedOver =
                connection.dualStack() ? Repository::atDualStackHost : UnaryOperator.identity();
        Handover handover =
                new Handover(project.getProperties(), session.getUserProperties(), getLog()::info, getLog()::debug);
        handover.publishOthers(ensured.others().stream().map(handedOver).toList());
        boolean jibAuth = jibAuth();
        ensured.first()
                .map(handedOver)
                .ifPresent(repository -> handover.publish(
                        repository, tag, jibImage, jibAuth, builders, () -> token(repository, client, connected)));
    }

    /** How long to wait for ECR's lifecycle policy preview; zero asks for none. */
    private Duration previewTimeout() throws MojoFailureException {
        if (lifecyclePreviewTimeout < 0) {
            throw new MojoFailureException("<lifecyclePreviewTimeout>: " + lifecyclePreviewTimeout + " is not a "
                    + "number of seconds; use 0 (no preview) or more, e.g. 30");
        }
        return Duration.ofSeconds(lifecyclePreviewTimeout);
    }

    /** True when Maven runs offline and the user did not ask for a failure then. */
    private boolean skipOffline() throws MojoFailureException, InvalidConfigurationException {
        if (session == null || !session.isOffline()) {
            return false;
        }
        if (failWhenOffline()) {
            throw new MojoFailureException("Maven runs offline (-o), so the ECR repository cannot be checked; "
                    + "build online, or drop <failWhenOffline> (-Decr.failWhenOffline) to skip the goal");
        }
        getLog().warn("Maven runs offline (-o): skipping the ECR repository check; no ecr.* properties are set "
                + "(set <failWhenOffline> to fail instead)");
        return true;
    }

    /** The registry's push credentials: fetched once per registry and AWS identity in a build, then shared. */
    private static AuthorizationToken token(Repository repository, ClientKey client, Registries.Connected connected) {
        return AuthorizationTokens.get(
                List.of(client, repository.registryId()),
                connected.accessKeyId(),
                connected.registry()::authorizationToken,
                Clock.systemUTC());
    }
}
