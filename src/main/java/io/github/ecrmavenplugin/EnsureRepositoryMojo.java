package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.ecr.AuthorizationToken;
import io.github.ecrmavenplugin.ecr.AuthorizationTokens;
import io.github.ecrmavenplugin.ecr.ConnectionSettings;
import io.github.ecrmavenplugin.ecr.EcrClients;
import io.github.ecrmavenplugin.ecr.Registry;
import io.github.ecrmavenplugin.ecr.RegistryException;
import io.github.ecrmavenplugin.ecr.Repository;
import io.github.ecrmavenplugin.ecr.SdkRegistry;
import io.github.ecrmavenplugin.publish.JibProperties;
import io.github.ecrmavenplugin.publish.RepositoryProperties;
import io.github.ecrmavenplugin.reconcile.Reconciler;
import io.github.ecrmavenplugin.spec.AccountId;
import io.github.ecrmavenplugin.spec.ImageTag;
import io.github.ecrmavenplugin.spec.InvalidConfigurationException;
import io.github.ecrmavenplugin.spec.RepositorySpec;
import java.io.File;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Makes an Amazon ECR repository exist as the POM declares it, then publishes its URL as project properties
 * ({@code ecr.repositoryUrl}, {@code ecr.registry}, {@code ecr.repositoryArn}, {@code ecr.registryId},
 * {@code ecr.repositoryName}) for the plugins that run after it, Jib above all.
 *
 * <p>The repository is created when missing; its policy is compared with the declared one by meaning and rewritten
 * only when it differs. Nothing is ever deleted.
 */
@Mojo(name = "ensure-repository", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class EnsureRepositoryMojo extends AbstractMojo {

    /** The repository name, e.g. {@code team/my-service}. */
    @Parameter(property = "ecr.repositoryName", defaultValue = "${project.artifactId}")
    private String repositoryName;

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

    /** Who may pull: accounts, role or user ARNs, organizations, and AWS services. Renders the repository policy. */
    @Parameter
    private PullPolicyParameters pullPolicy;

    /** A repository policy as inline JSON; the whole policy, replacing what ECR has. */
    @Parameter(property = "ecr.policy")
    private String policy;

    /** A file holding the repository policy as JSON. */
    @Parameter(property = "ecr.policyFile")
    private File policyFile;

    /** Allows a policy that lets everyone ({@code *}) use the repository, without a condition. */
    @Parameter(property = "ecr.allowPublicAccess", defaultValue = "false")
    private boolean allowPublicAccess;

    /**
     * Sets {@code jib.to.image} to {@code <repository URL>:<jibTag>}, so {@code jib:build} pushes to this
     * repository without a {@code <to><image>} of its own. A {@code -Djib.to.image} on the command line still wins.
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

    /** Skips the goal. */
    @Parameter(property = "ecr.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping ECR repository check (ecr.skip)");
            return;
        }
        try {
            RepositorySpec spec = RepositorySpec.builder()
                    .name(repositoryName)
                    .pullPolicy(pullPolicy == null ? null : pullPolicy.toPullPolicy())
                    .policy(policy)
                    .policyFile(policyFile == null ? null : policyFile.toPath())
                    .allowPublicAccess(allowPublicAccess)
                    .build();
            String registry = registryId == null || registryId.isBlank() ? null
                    : AccountId.valid(registryId, "registryId");
            ConnectionSettings connection = ConnectionSettings.of(region, endpoint, profile);
            String tag = jibImage ? ImageTag.valid(jibTag, "jibTag") : null;

            CloseClientsAtSessionEnd.register(session.getRequest());
            Registry ecr = new SdkRegistry(EcrClients.client(connection, getLog()::debug), registry);
            Reconciler.Result result = new Reconciler(ecr, getLog()::debug).ensure(spec);

            getLog().info("ECR repository " + spec.name() + " " + result.plan().outcome() + ": "
                    + result.repository().uri());
            Map<String, String> published = RepositoryProperties.publish(result.repository(),
                    project.getProperties());
            published.forEach((key, value) -> getLog().debug("Set project property " + key + "=" + value));
            if (jibImage) {
                publishJibImage(JibProperties.image(result.repository(), tag));
            }
            if (jibAuth) {
                Repository repository = result.repository();
                AuthorizationToken token = AuthorizationTokens.get(List.of(connection, repository.registryId()),
                        ecr::authorizationToken, Clock.systemUTC());
                JibProperties.publishAuth(token, project.getProperties());
                getLog().info("Jib push credentials set for " + repository.registryHost() + " (ECR token valid "
                        + "until " + token.expiresAt() + ")");
            }
        } catch (InvalidConfigurationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (EcrClients.MissingRegionException e) {
            throw new MojoFailureException("No AWS region is configured. Set <region> (-Decr.region=eu-west-1), "
                    + "the AWS_REGION environment variable, or a region in your AWS profile", e);
        } catch (RegistryException e) {
            Failures.rethrow(e);
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
