package io.github.ecrmavenplugin.publish;

import io.github.ecrmavenplugin.registry.Repository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The Maven project properties through which the rest of the build learns where the repository is. Set as
 * project properties, they are read by every plugin execution that runs later in the same module build.
 */
public final class RepositoryProperties {

    public static final String REPOSITORY_URL = "ecr.repositoryUrl";
    public static final String REGISTRY = "ecr.registry";
    public static final String REPOSITORY_ARN = "ecr.repositoryArn";
    public static final String REGISTRY_ID = "ecr.registryId";
    public static final String REPOSITORY_NAME = "ecr.repositoryName";

    private RepositoryProperties() {}

    public static Map<String, String> of(Repository repository) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(REPOSITORY_URL, repository.uri());
        properties.put(REGISTRY, repository.registryHost());
        properties.put(REPOSITORY_ARN, repository.arn());
        properties.put(REGISTRY_ID, repository.registryId());
        properties.put(REPOSITORY_NAME, repository.name());
        return properties;
    }

    /**
     * For the second and later repositories of {@code <repositories>}: {@code ecr.repositoryUrl.<name>}, so a later
     * plugin can find each one by name (the unsuffixed properties describe the first).
     */
    public static void publishNamed(Repository repository, Properties target) {
        target.setProperty(REPOSITORY_URL + "." + repository.name(), repository.uri());
    }

    /** Sets the properties on {@code target} (the project's properties) and returns them for the log. */
    public static Map<String, String> publish(Repository repository, Properties target) {
        Map<String, String> properties = of(repository);
        properties.forEach(target::setProperty);
        publishNamed(repository, target);
        return properties;
    }
}
