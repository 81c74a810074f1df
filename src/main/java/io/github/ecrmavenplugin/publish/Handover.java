package io.github.ecrmavenplugin.publish;

import io.github.ecrmavenplugin.registry.AuthorizationToken;
import io.github.ecrmavenplugin.registry.Repository;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands the repository to the plugins that run after the goal, in the project's properties: its URL and the rest
 * ({@link RepositoryProperties}), and on request Jib's image and push credentials ({@link JibProperties}) and the
 * other image builders' ({@link ImageBuilder}). Says in the log where each builder pushes; never a credential.
 *
 * @param project        the project's properties, which the later plugins read
 * @param commandLine    the {@code -D} properties of the build, which win over the project's
 * @param info           the build log at info
 * @param debug          the build log at debug
 */
public record Handover(Properties project, Properties commandLine, Consumer<String> info, Consumer<String> debug) {

    /**
     * Publishes {@code repository}, and the image {@code <repository URL>:<tag>} to the builders asked for.
     *
     * @param jibImage whether Jib gets the image ({@code jib.to.image})
     * @param jibAuth  whether Jib gets push credentials ({@code jib.to.auth.*})
     * @param builders the other image builders, each given the image and push credentials
     * @param token    the registry's push credentials, asked only when a builder needs them
     */
    public void publish(
            Repository repository,
            String tag,
            boolean jibImage,
            boolean jibAuth,
            List<ImageBuilder> builders,
            Supplier<AuthorizationToken> token) {
        Map<String, String> published = RepositoryProperties.publish(repository, project);
        published.forEach((key, value) -> debug.accept("Set project property " + key + "=" + value));
        if (jibImage) {
            publishJibImage(JibProperties.image(repository, tag));
        }
        if (jibAuth) {
            AuthorizationToken credentials = token.get();
            JibProperties.publishAuth(credentials, project);
            info.accept("Jib push credentials set for " + repository.registryHost() + " (ECR token valid until "
                    + credentials.expiresAt() + ")");
        }
        if (!builders.isEmpty()) {
            String image = JibProperties.image(repository, tag);
            AuthorizationToken credentials = token.get();
            for (ImageBuilder builder : builders) {
                builder.publish(image, credentials, project);
                info.accept(builder.displayName() + " pushes to " + image + " with an ECR token valid until "
                        + credentials.expiresAt() + " (set " + builder.describe(image) + ")");
            }
        }
    }

    /** Publishes each repository of {@code <repositories>} after the first by name: {@code ecr.repositoryUrl.<name>}. */
    public void publishOthers(List<Repository> others) {
        others.forEach(other -> RepositoryProperties.publishNamed(other, project));
    }

    private void publishJibImage(String image) {
        JibProperties.publishImage(image, project);
        String fromCommandLine = commandLine.getProperty(JibProperties.TO_IMAGE);
        if (fromCommandLine != null) {
            info.accept("Jib pushes to " + fromCommandLine + " (-D" + JibProperties.TO_IMAGE
                    + " on the command line wins over " + image + ")");
        } else {
            info.accept("Jib pushes to " + image);
        }
    }
}
