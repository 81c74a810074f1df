package io.github.ecrmavenplugin.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.ecrmavenplugin.registry.AuthorizationToken;
import io.github.ecrmavenplugin.registry.Repository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HandoverTest {

    private static final Repository REPOSITORY = new Repository(
            "team/app",
            "arn:aws:ecr:eu-west-1:123456789012:repository/team/app",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app",
            "123456789012");
    private static final AuthorizationToken TOKEN = new AuthorizationToken(
            "AWS",
            "s3cr3t-token",
            Instant.parse("2026-12-01T09:00:00Z"),
            "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com");
    private static final String IMAGE = REPOSITORY.uri() + ":1.0";

    private final Properties project = new Properties();
    private final Properties commandLine = new Properties();
    private final List<String> log = new ArrayList<>();
    private final AtomicInteger tokensAsked = new AtomicInteger();
    private final Supplier<AuthorizationToken> token = () -> {
        tokensAsked.incrementAndGet();
        return TOKEN;
    };
    private final Handover handover =
            new Handover(project, commandLine, line -> log.add("[INFO] " + line), line -> log.add("[DEBUG] " + line));

    @Test
    void theRepositoryAloneAsksNoToken() {
        handover.publish(REPOSITORY, "1.0", false, false, List.of(), token);

        assertEquals(REPOSITORY.uri(), project.getProperty(RepositoryProperties.REPOSITORY_URL));
        assertNull(project.getProperty(JibProperties.TO_IMAGE));
        assertEquals(0, tokensAsked.get());
        assertEquals(
                List.of(),
                log.stream().filter(line -> line.startsWith("[INFO]")).toList());
    }

    @Test
    void jibGetsTheImageAndCredentialsWithoutTheSecretInTheLog() {
        handover.publish(REPOSITORY, "1.0", true, true, List.of(), token);

        assertEquals(IMAGE, project.getProperty(JibProperties.TO_IMAGE));
        assertEquals("AWS", project.getProperty(JibProperties.TO_AUTH_USERNAME));
        assertEquals("s3cr3t-token", project.getProperty(JibProperties.TO_AUTH_PASSWORD));
        assertEquals(
                List.of(
                        "[INFO] Jib pushes to " + IMAGE,
                        "[INFO] Jib push credentials set for " + REPOSITORY.registryHost()
                                + " (ECR token valid until 2026-12-01T09:00:00Z)"),
                log.stream().filter(line -> line.startsWith("[INFO]")).toList());
        assertFalse(String.join("\n", log).contains("s3cr3t-token"));
    }

    @Test
    void anImageGivenOnTheCommandLineIsSaidToWin() {
        commandLine.setProperty(JibProperties.TO_IMAGE, "elsewhere/app:2.0");

        handover.publish(REPOSITORY, "1.0", true, false, List.of(), token);

        assertEquals(IMAGE, project.getProperty(JibProperties.TO_IMAGE));
        assertEquals(
                List.of("[INFO] Jib pushes to elsewhere/app:2.0 (-Djib.to.image on the command line wins over " + IMAGE
                        + ")"),
                log.stream().filter(line -> line.startsWith("[INFO]")).toList());
        assertEquals(0, tokensAsked.get());
    }

    @Test
    void eachBuilderGetsTheImageAndTheToken() {
        handover.publish(REPOSITORY, "1.0", false, false, List.of(ImageBuilder.QUARKUS, ImageBuilder.JKUBE), token);

        assertEquals(IMAGE, project.getProperty("quarkus.container-image.image"));
        assertEquals("s3cr3t-token", project.getProperty("jkube.docker.push.password"));
        assertEquals(1, tokensAsked.get());
        assertEquals(
                2,
                log.stream()
                        .filter(line -> line.contains(" pushes to " + IMAGE + " with an ECR token "))
                        .count(),
                String.join("\n", log));
        assertFalse(String.join("\n", log).contains("s3cr3t-token"));
    }

    @Test
    void eachRepositoryPropertyIsSetAndSaidAtDebugAndTheRepositoryIsFoundByItsNameToo() {
        handover.publish(REPOSITORY, "1.0", false, false, List.of(), token);

        assertEquals(REPOSITORY.uri(), project.getProperty("ecr.repositoryUrl.team/app"));
        assertEquals(
                List.of(
                        "[DEBUG] Set project property ecr.repositoryUrl=" + REPOSITORY.uri(),
                        "[DEBUG] Set project property ecr.registry=123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                        "[DEBUG] Set project property ecr.repositoryArn=" + REPOSITORY.arn(),
                        "[DEBUG] Set project property ecr.registryId=123456789012",
                        "[DEBUG] Set project property ecr.repositoryName=team/app"),
                log);
    }
}
