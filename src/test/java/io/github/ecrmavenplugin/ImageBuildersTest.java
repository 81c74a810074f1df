package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ensure-repository hands the repository and an ECR token to the image builders named in imageBuilders. */
class ImageBuildersTest {

    @RegisterExtension
    final EmulatorExtension emulatorExtension =
            MojoRunner.withCredentials(EmulatorExtension.perTest(EcrEmulator.builder()));

    private final EcrEmulator emulator = emulatorExtension.emulator();

    @Test
    void eachBuilderGetsTheImageAndTheTokenInThePropertiesItReads() throws Exception {
        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set("imageBuilders", List.of("quarkus", "jkube", "spring-boot", "docker-maven-plugin"));

        goal.execute();

        String image = emulator.registryHost() + "/app:1.0";
        String password = emulator.authorizationPassword();
        Properties published = goal.projectProperties();
        Map<String, String> expected = Map.ofEntries(
                Map.entry("ecr.image", image),
                Map.entry("quarkus.container-image.image", image),
                Map.entry("quarkus.container-image.username", "AWS"),
                Map.entry("quarkus.container-image.password", password),
                Map.entry("jkube.generator.name", image),
                Map.entry("jkube.docker.push.username", "AWS"),
                Map.entry("jkube.docker.push.password", password),
                Map.entry("jkube.docker.skip.extendedAuth", "true"),
                Map.entry("spring-boot.build-image.imageName", image),
                Map.entry("ecr.push.username", "AWS"),
                Map.entry("ecr.push.password", password),
                Map.entry("docker.push.username", "AWS"),
                Map.entry("docker.push.password", password),
                Map.entry("docker.skip.extendedAuth", "true"));
        expected.forEach((key, value) -> assertEquals(value, published.getProperty(key), key));
        // One token for all four builders
        assertEquals(1, emulator.calls("GetAuthorizationToken").size());
        assertTrue(goal.logText().contains("[INFO] Quarkus pushes to " + image), goal.logText());
        assertTrue(goal.logText().contains("[INFO] docker-maven-plugin pushes to " + image), goal.logText());
        // The token is a secret: named in the log, never shown, not even at debug level
        assertTrue(goal.logText().contains("quarkus.container-image.password"), goal.logText());
        assertFalse(goal.logText().contains(password), goal.logText());
    }

    @Test
    void noBuilderPropertyAndNoTokenUnlessAsked() throws Exception {
        MojoRunner goal = MojoRunner.ensureRepository(emulator);

        goal.execute();

        assertTrue(emulator.calls("GetAuthorizationToken").isEmpty());
        List<String> builderKeys = goal.projectProperties().stringPropertyNames().stream()
                .filter(key -> !key.startsWith("ecr.repository") && !key.startsWith("ecr.registry"))
                .toList();
        assertEquals(List.of(), builderKeys);
    }

    @Test
    void onlyTheNamedBuilderGetsProperties() throws Exception {
        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("imageBuilders", List.of(" JKube "));

        goal.execute();

        Properties published = goal.projectProperties();
        assertEquals(emulator.registryHost() + "/app:1.0", published.getProperty("jkube.generator.name"));
        assertFalse(published.containsKey("quarkus.container-image.image"));
        assertFalse(published.containsKey("spring-boot.build-image.imageName"));
        assertFalse(published.containsKey("docker.push.password"));
        assertFalse(published.containsKey("jib.to.image"));
    }

    @Test
    void anUnknownBuilderFailsBeforeAnyCallNamingTheParameterAndTheKnownNames() {
        MojoRunner goal = MojoRunner.ensureRepository(emulator).set("imageBuilders", List.of("quarkus", "kaniko"));

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(e.getMessage().contains("<imageBuilders>"), e.getMessage());
        assertTrue(e.getMessage().contains("'kaniko'"), e.getMessage());
        assertTrue(e.getMessage().contains("quarkus, jkube, spring-boot, docker-maven-plugin"), e.getMessage());
        assertTrue(emulator.calls().isEmpty());
    }

    @Test
    void anImmutableTagAnImageHasFailsBeforeTheBuildersPush() {
        emulator.seedRepository(new RepositorySeed("app").imageTagMutability("IMMUTABLE"));
        emulator.seedImage("app", "1.0");
        MojoRunner goal = MojoRunner.ensureRepository(emulator)
                .set("imageTagMutability", "IMMUTABLE")
                .set("imageBuilders", List.of("quarkus"));

        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(e.getMessage().contains("Image tag 1.0 already exists"), e.getMessage());
        assertFalse(goal.projectProperties().containsKey("quarkus.container-image.image"));
    }

    @Test
    void printIamPolicyGrantsThePushWhenABuilderIsNamed() throws Exception {
        MojoRunner goal =
                MojoRunner.printIamPolicy().set("region", "eu-west-1").set("imageBuilders", List.of("spring-boot"));

        goal.execute();

        assertTrue(goal.logText().contains("ecr:PutImage"), goal.logText());
        assertTrue(goal.logText().contains("ecr:GetAuthorizationToken"), goal.logText());
    }
}
