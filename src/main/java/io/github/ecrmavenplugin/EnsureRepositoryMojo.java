package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.registry.AuthorizationToken;
import io.github.ecrmavenplugin.aws.AuthorizationTokens;
import io.github.ecrmavenplugin.aws.ClientKey;
import io.github.ecrmavenplugin.aws.ConnectionSettings;
import io.github.ecrmavenplugin.aws.CredentialsException;
import io.github.ecrmavenplugin.aws.EcrClients;
import io.github.ecrmavenplugin.aws.ProxySettings;
import io.github.ecrmavenplugin.aws.Registries;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.Repository;
import io.github.ecrmavenplugin.publish.JibProperties;
import io.github.ecrmavenplugin.publish.RepositoryProperties;
import io.github.ecrmavenplugin.reconcile.Plan;
import io.github.ecrmavenplugin.reconcile.PlanReport;
import io.github.ecrmavenplugin.reconcile.Reconciler;
import io.github.ecrmavenplugin.model.ImageTag;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.RepositorySpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

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
public class EnsureRepositoryMojo extends AbstractEcrMojo {

    /**
     * Plan mode: reads only, prints what would change as a diff, and writes it as JSON to {@code planFile}.
     * Nothing in ECR is changed.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.plan", defaultValue = "false")
    private boolean plan;

    /**
     * Fails the build when ECR differs from the POM in anything (a missing repository, a setting, a policy, a
     * tag, or a creation-only setting). Implies {@code plan}: reads only, so read-only credentials suffice, e.g.
     * in pull-request checks.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.failOnDrift", defaultValue = "false")
    private boolean failOnDrift;

    /**
     * Where plan mode writes the plan as JSON.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.planFile", defaultValue = "${project.build.directory}/ecr-plan.json")
    private File planFile;

    /**
     * Fails an offline build ({@code mvn -o}) instead of skipping the goal with a warning.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.failWhenOffline", defaultValue = "false")
    private boolean failWhenOffline;

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
                    ? Optional.of(new Reconciler.PushTarget(specs.get(0).name(), tag, JibTags.additional(project,
                            session == null ? new java.util.Properties() : session.getUserProperties())))
                    : Optional.empty());

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
