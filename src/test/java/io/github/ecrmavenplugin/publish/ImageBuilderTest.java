package io.github.ecrmavenplugin.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.registry.AuthorizationToken;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ImageBuilderTest {

    private static final AuthorizationToken TOKEN = new AuthorizationToken(
            "AWS", "s3cr3t-token", Instant.EPOCH, "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com");
    private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.0";

    @Test
    void dockerMavenPluginReadsNoImagePropertySoOnlyTheNeutralOneIsSet() {
        Properties target = new Properties();

        ImageBuilder.DOCKER_MAVEN.publish(IMAGE, TOKEN, target);

        assertEquals(IMAGE, target.getProperty(ImageBuilder.IMAGE));
        assertEquals("s3cr3t-token", target.getProperty("docker.push.password"));
        assertEquals(4, target.size());
    }

    @Test
    void theDescriptionNamesEveryPropertySetButNeverShowsTheSecret() {
        for (ImageBuilder builder : ImageBuilder.ALL) {
            Properties target = new Properties();
            builder.publish(IMAGE, TOKEN, target);
            String text = builder.describe(IMAGE);
            assertFalse(text.contains("s3cr3t-token"), text);
            for (String key : target.stringPropertyNames()) {
                assertTrue(
                        key.equals(ImageBuilder.IMAGE) || text.contains(key),
                        builder.id() + ": " + key + " in " + text);
            }
        }
        assertEquals(
                "jkube.generator.name=" + IMAGE + ", jkube.docker.skip.extendedAuth=true, "
                        + "jkube.docker.push.username, jkube.docker.push.password",
                ImageBuilder.JKUBE.describe(IMAGE));
    }

    @Test
    void namesAreMatchedIgnoringCaseAndSpaces() {
        assertEquals(Optional.of(ImageBuilder.SPRING_BOOT), ImageBuilder.byId(" Spring-Boot "));
        assertEquals(Optional.empty(), ImageBuilder.byId("spring"));
    }

    @Test
    void dockerMavenPluginsRecipeNamesTheNeutralImageProperty() {
        assertEquals(
                "ecr.image=" + IMAGE + ", docker.skip.extendedAuth=true, docker.push.username, docker.push.password",
                ImageBuilder.DOCKER_MAVEN.describe(IMAGE));
        assertEquals("quarkus, jkube, spring-boot, docker-maven-plugin", ImageBuilder.ids());
        assertEquals(Optional.of(ImageBuilder.DOCKER_MAVEN), ImageBuilder.byId("DOCKER-MAVEN-PLUGIN"));
    }
}
