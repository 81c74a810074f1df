package io.github.ecrmavenplugin.publish;

import io.github.ecrmavenplugin.registry.AuthorizationToken;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The image builders besides Jib that the plugin hands the repository to, each in the properties it reads. All of
 * them are set as project properties; where a builder reads a value from somewhere else (system properties or its
 * own POM configuration only), its recipe refers to the published property with {@code ${...}}, which Maven
 * evaluates when that builder's goal runs.
 *
 * <ul>
 *   <li>Quarkus: its Maven goals hand every {@code quarkus.*} project property to the Quarkus build.</li>
 *   <li>Eclipse JKube: reads {@code jkube.generator.name} from project properties; its push credentials only from
 *       system properties or {@code <authConfig>}, so the recipe names these properties there. Its "extended
 *       authentication" would take the ECR token for an AWS access key when the registry is ECR: it is skipped.</li>
 *   <li>Spring Boot: {@code spring-boot.build-image.imageName} is its goal's user property; {@code
 *       <publishRegistry>} has none, so the recipe names {@code ecr.push.username} and {@code ecr.push.password}.</li>
 *   <li>fabric8 docker-maven-plugin: like JKube, credentials from system properties or {@code <authConfig>}, and
 *       an image name only from {@code <image><name>}, so the recipe names {@code ecr.image} there.</li>
 * </ul>
 */
public record ImageBuilder(
        String id,
        String displayName,
        String imageKey,
        String usernameKey,
        String passwordKey,
        Map<String, String> fixed) {

    /** The image reference ({@code <repository URL>:<tag>}) for any builder's configuration. */
    public static final String IMAGE = "ecr.image";

    public static final ImageBuilder QUARKUS = new ImageBuilder(
            "quarkus",
            "Quarkus",
            "quarkus.container-image.image",
            "quarkus.container-image.username",
            "quarkus.container-image.password",
            Map.of());
    public static final ImageBuilder JKUBE = new ImageBuilder(
            "jkube",
            "JKube",
            "jkube.generator.name",
            "jkube.docker.push.username",
            "jkube.docker.push.password",
            Map.of("jkube.docker.skip.extendedAuth", "true"));
    public static final ImageBuilder SPRING_BOOT = new ImageBuilder(
            "spring-boot",
            "Spring Boot",
            "spring-boot.build-image.imageName",
            "ecr.push.username",
            "ecr.push.password",
            Map.of());
    public static final ImageBuilder DOCKER_MAVEN = new ImageBuilder(
            "docker-maven-plugin",
            "docker-maven-plugin",
            null,
            "docker.push.username",
            "docker.push.password",
            Map.of("docker.skip.extendedAuth", "true"));

    /** Every builder the plugin knows, in the order its messages name them. */
    public static final List<ImageBuilder> ALL = List.of(QUARKUS, JKUBE, SPRING_BOOT, DOCKER_MAVEN);

    /**
     * A builder and the properties it reads.
     *
     * @param id          the name users give in {@code <imageBuilders>}, e.g. {@code spring-boot}
     * @param displayName its name in the build log
     * @param imageKey    the property holding the image reference that it reads itself; {@code null} where it
     *                    reads none (its recipe names {@link #IMAGE})
     * @param usernameKey the property for the registry user name
     * @param passwordKey the property for the ECR token (a secret)
     * @param fixed       settings it needs beside those, e.g. to skip an authentication of its own
     */
    public ImageBuilder {
        fixed = Map.copyOf(fixed);
    }

    /** The builder named {@code id} (case-insensitive), if there is one. */
    public static Optional<ImageBuilder> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(b -> b.id.equals(wanted)).findFirst();
    }

    /** The names {@link #byId} knows, for a message. */
    public static String ids() {
        return ALL.stream().map(ImageBuilder::id).collect(Collectors.joining(", "));
    }

    /**
     * Sets this builder's image, credentials and fixed settings on {@code target} (the project's properties).
     * Nothing here logs: the password is a secret.
     */
    public void publish(String image, AuthorizationToken token, Properties target) {
        target.setProperty(IMAGE, image);
        if (imageKey != null) {
            target.setProperty(imageKey, image);
        }
        target.setProperty(usernameKey, token.username());
        target.setProperty(passwordKey, token.password());
        fixed.forEach(target::setProperty);
    }

    /** The properties {@link #publish} sets, for the log: names only, values of the non-secret ones. */
    public String describe(String image) {
        StringBuilder text = new StringBuilder();
        text.append(imageKey == null ? IMAGE : imageKey).append('=').append(image);
        fixed.forEach((key, value) -> text.append(", ").append(key).append('=').append(value));
        text.append(", ").append(usernameKey).append(", ").append(passwordKey);
        return text.toString();
    }
}
