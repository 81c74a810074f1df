package io.github.ecrmavenplugin.publish;

import io.github.ecrmavenplugin.registry.AuthorizationToken;
import java.util.Arrays;
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
public enum ImageBuilder {

    QUARKUS("quarkus", "Quarkus", "quarkus.container-image.image", "quarkus.container-image.username",
            "quarkus.container-image.password", Map.of()),
    JKUBE("jkube", "JKube", "jkube.generator.name", "jkube.docker.push.username", "jkube.docker.push.password",
            Map.of("jkube.docker.skip.extendedAuth", "true")),
    SPRING_BOOT("spring-boot", "Spring Boot", "spring-boot.build-image.imageName", "ecr.push.username",
            "ecr.push.password", Map.of()),
    DOCKER_MAVEN("docker-maven-plugin", "docker-maven-plugin", null, "docker.push.username", "docker.push.password",
            Map.of("docker.skip.extendedAuth", "true"));

    /** The image reference ({@code <repository URL>:<tag>}) for any builder's configuration. */
    public static final String IMAGE = "ecr.image";

    private final String id;
    private final String displayName;
    private final String imageKey;
    private final String usernameKey;
    private final String passwordKey;
    private final Map<String, String> fixed;

    ImageBuilder(String id, String displayName, String imageKey, String usernameKey, String passwordKey,
            Map<String, String> fixed) {
        this.id = id;
        this.displayName = displayName;
        this.imageKey = imageKey;
        this.usernameKey = usernameKey;
        this.passwordKey = passwordKey;
        this.fixed = fixed;
    }

    /** The name users give in {@code <imageBuilders>}, e.g. {@code spring-boot}. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The property holding the image reference that this builder reads itself, if it reads one. */
    public Optional<String> imageKey() {
        return Optional.ofNullable(imageKey);
    }

    public String usernameKey() {
        return usernameKey;
    }

    public String passwordKey() {
        return passwordKey;
    }

    /** The builder named {@code id} (case-insensitive), if there is one. */
    public static Optional<ImageBuilder> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(b -> b.id.equals(wanted)).findFirst();
    }

    /** The names {@link #byId} knows, for a message. */
    public static String ids() {
        return Arrays.stream(values()).map(ImageBuilder::id).collect(Collectors.joining(", "));
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
