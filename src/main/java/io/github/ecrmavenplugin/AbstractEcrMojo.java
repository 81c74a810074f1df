package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.aws.ConnectionSettings;
import io.github.ecrmavenplugin.aws.Regions;
import io.github.ecrmavenplugin.model.AccountId;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.publish.ImageBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.ContextEnabled;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal of the plugin reads: which repositories (the {@linkplain RepositorySettings settings} it
 * inherits, or {@code <repositories>}), in which region and account, and what is pushed there (Jib's image, the
 * other image builders). How a goal reaches ECR is {@link AbstractEcrCallingMojo}'s, for the goals that call it.
 * Every goal has these parameters, not every goal acts on each: each parameter's Javadoc names the goals that do.
 *
 * <p>It implements {@link Mojo} itself rather than extending {@code AbstractMojo}: Java allows one superclass, and
 * that place goes to {@link RepositorySettings}, so that the settings of a repository are declared once for the
 * top level and for {@code <repositories>} alike.
 */
public abstract class AbstractEcrMojo extends RepositorySettings implements Mojo, ContextEnabled {

    /**
     * The repository name, e.g. {@code team/my-service}. Not used when {@code repositories} is given.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}, {@code verify-image}, {@code warm-up}.
     * {@code print-iam-policy} puts it in the repository ARN; {@code verify-image} looks there for the image when the
     * build says nothing of the image it pushed; {@code warm-up} reads the repository.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.repositoryName", defaultValue = "${project.artifactId}")
    String repositoryName;

    /**
     * Several repositories, each with its own settings (see the single-repository parameters of the same names).
     * When given, the single-repository settings must not be set at the top level. Jib pushes to the first one.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}, {@code verify-image}, {@code warm-up}. Each
     * entry's settings are acted on, or only checked, as the top-level setting of the same name says;
     * {@code verify-image} acts on the first entry's name, {@code warm-up} on the names.
     *
     * @since 0.1.0
     */
    @Parameter
    List<RepositoryParameters> repositories;

    /**
     * The AWS region, e.g. {@code eu-west-1}. Default: {@code AWS_REGION}, {@code aws.region}, or the profile's.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}, {@code verify-image}, {@code warm-up}.
     * {@code print-iam-policy} puts it in the repository ARNs, {@code *} where none is configured.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.region")
    String region;

    /**
     * The account ID of the registry, when it is not the account of the credentials.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}, {@code verify-image}, {@code warm-up}.
     * {@code print-iam-policy} puts it in the repository ARNs, {@code *} without it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.registryId")
    String registryId;

    /**
     * A profile of the shared AWS config and credentials files. Default: the SDK's default credentials chain.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}, {@code verify-image}, {@code warm-up}.
     * {@code print-iam-policy} reads only the profile's region, for the repository ARNs.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.profile")
    String profile;

    /**
     * Creates a missing repository: {@code true} or {@code false}. With {@code false} the repository must exist (for
     * CI roles without {@code ecr:CreateRepository}); the goal still checks its settings and publishes its URL.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.createIfMissing", defaultValue = "true")
    String createIfMissing;

    /**
     * Sets {@code jib.to.image} to {@code <repository URL>:<jibTag>}, so {@code jib:build} pushes to this
     * repository without a {@code <to><image>} of its own. A {@code -Djib.to.image} on the command line still wins.
     * When the tag is immutable in the repository and an image already has it, the goal fails before the push.
     * {@code true} or {@code false}.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.jib.image", defaultValue = "false")
    String jibImage;

    /**
     * Sets {@code jib.to.auth.username} and {@code jib.to.auth.password} from an ECR authorization token, so Jib
     * can push without {@code docker-credential-ecr-login}. The token is fetched once per registry per build.
     * {@code true} or {@code false}.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.jib.auth", defaultValue = "false")
    String jibAuth;

    /**
     * The image builders besides Jib to hand this repository and its push credentials to, one name each:
     * {@code quarkus}, {@code jkube}, {@code spring-boot}, {@code docker-maven-plugin} (or
     * {@code -Decr.imageBuilders=quarkus,jkube}). Each gets the image {@code <repository URL>:<jibTag>} and an ECR
     * token in the properties it reads (see the "Other image builders" page); nothing is set for a builder not
     * named here. As with {@code jibImage}, an immutable tag an image already has fails the goal before the push.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}, {@code verify-image}. Not read by:
     * {@code warm-up}. {@code verify-image} looks for the name of the image the build pushed where these builders were
     * handed it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.imageBuilders")
    List<String> imageBuilders;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    private Log log;

    @SuppressWarnings("rawtypes")
    private Map pluginContext;

    /** The repositories as the POM declares them, validated. */
    List<RepositorySpec> specs() throws InvalidConfigurationException {
        return RepositoryParameters.specs(
                repositoryName, this, repositories, this::configuredRegion, Optional.ofNullable(registry()));
    }

    /**
     * The region as configured ({@code region}, {@code aws.region}, {@code AWS_REGION}, the profile's), before any
     * call; empty when none is. Asked only by what names the region, such as a policy naming ARNs.
     */
    Optional<String> configuredRegion() throws InvalidConfigurationException {
        return Regions.configured(ConnectionSettings.of(region, null, profile));
    }

    boolean createIfMissing() throws InvalidConfigurationException {
        return BooleanParameter.parse(createIfMissing, "createIfMissing", true);
    }

    boolean jibImage() throws InvalidConfigurationException {
        return BooleanParameter.parse(jibImage, "jibImage", false);
    }

    boolean jibAuth() throws InvalidConfigurationException {
        return BooleanParameter.parse(jibAuth, "jibAuth", false);
    }

    /**
     * Reads every boolean parameter of the goal, those it does not act on too, so that a value that is neither true
     * nor false fails before any call, whichever goal meets it first.
     */
    void checkBooleanParameters() throws InvalidConfigurationException {
        createIfMissing();
        jibImage();
        jibAuth();
        checkBooleanSettings("");
        for (int i = 0; repositories != null && i < repositories.size(); i++) {
            if (repositories.get(i) != null) {
                repositories.get(i).checkBooleanSettings("repositories[" + (i + 1) + "]/");
            }
        }
    }

    /** The builders named in {@code imageBuilders}, validated; empty when none is. */
    List<ImageBuilder> imageBuilders() throws InvalidConfigurationException {
        Set<ImageBuilder> builders = new LinkedHashSet<>();
        for (String name : imageBuilders == null ? List.<String>of() : imageBuilders) {
            if (name == null || name.isBlank()) {
                continue;
            }
            ImageBuilder builder = ImageBuilder.byId(name)
                    .orElseThrow(() -> new InvalidConfigurationException(
                            "imageBuilders",
                            "unknown image builder '" + name.trim() + "'; known: " + ImageBuilder.ids()));
            builders.add(builder);
        }
        return List.copyOf(builders);
    }

    /** The registry's account ID, validated; {@code null} for the credentials' own. */
    String registry() throws InvalidConfigurationException {
        return registryId == null || registryId.isBlank() ? null : AccountId.valid(registryId, "registryId");
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
