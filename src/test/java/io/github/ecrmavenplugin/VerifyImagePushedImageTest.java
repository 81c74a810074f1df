package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-image checks the image the build pushed: the digest the image builder wrote, under the name the builder
 * actually used, in the registry its host names; not whatever a tag points to when the goal runs.
 */
class VerifyImagePushedImageTest {

    private static final String HOST = "127.0.0.1:5443";
    private static final String PUSHED = "sha256:" + "a1".repeat(32);
    private static final String OTHER = "sha256:" + "b2".repeat(32);

    @RegisterExtension
    final EmulatorExtension emulatorExtension = MojoRunner.withCredentials(
            EmulatorExtension.perTest(EcrEmulator.builder().registryHost(HOST)));

    private final EcrEmulator emulator = emulatorExtension.emulator();

    @TempDir
    Path target;

    @BeforeEach
    void repository() {
        emulator.seedRepository(new RepositorySeed("app").scanOnPush(true));
    }

    private MojoRunner verifyImage() {
        return MojoRunner.verifyImage(emulator)
                .buildDirectory(target.toFile())
                .startedAt(Instant.now().minus(Duration.ofMinutes(1)));
    }

    /** What jib:build writes after a push: target/jib-image.json and target/jib-image.digest. */
    private void jibPushed(String image, String digest, List<String> tags) throws Exception {
        String json = "{\"image\":\"" + image + "\",\"imageId\":\"sha256:" + "c3".repeat(32) + "\",\"imageDigest\":\""
                + digest + "\",\"tags\":[\"" + String.join("\",\"", tags) + "\"]}";
        Files.writeString(target.resolve("jib-image.json"), json, StandardCharsets.UTF_8);
        Files.writeString(target.resolve("jib-image.digest"), digest, StandardCharsets.UTF_8);
    }

    @Test
    void aTagMovedByAnotherPushFailsNamingBothDigestsAndPublishesNothing() throws Exception {
        emulator.registerPush("app", "1.0", PUSHED, 2048L);
        jibPushed(HOST + "/app:1.0", PUSHED, List.of("1.0"));
        emulator.registerPush("app", "1.0", OTHER, 4096L);

        MojoRunner goal = verifyImage();
        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(e.getMessage().contains("app:1.0 now points at " + OTHER), e.getMessage());
        assertTrue(e.getMessage().contains("not at " + PUSHED), e.getMessage());
        assertTrue(e.getMessage().contains("jib-image.json"), e.getMessage());
        assertNull(goal.projectProperties().getProperty("ecr.imageDigest"), "nothing to pin is published");
    }

    @Test
    void thePushedDigestIsVerifiedAndPublishedWhileTheTagStillPointsAtIt() throws Exception {
        emulator.registerPush("app", "1.0", PUSHED, 2048L);
        jibPushed(HOST + "/app:1.0", PUSHED, List.of("1.0", "latest"));
        emulator.registerPush("app", "latest", PUSHED, 2048L);

        MojoRunner goal = verifyImage();
        goal.execute();

        assertEquals(PUSHED, goal.projectProperties().getProperty("ecr.imageDigest"));
        assertTrue(goal.logText().contains("ECR image app:1.0: " + PUSHED), goal.logText());
    }

    @Test
    void anAdditionalTagJibPushedThatMovedFailsToo() throws Exception {
        emulator.registerPush("app", "1.0", PUSHED, 2048L);
        emulator.registerPush("app", "latest", PUSHED, 2048L);
        jibPushed(HOST + "/app:1.0", PUSHED, List.of("1.0", "latest"));
        emulator.registerPush("app", "latest", OTHER, 4096L);

        MojoFailureException e = assertThrows(MojoFailureException.class, verifyImage()::execute);

        assertTrue(e.getMessage().contains("app:latest now points at " + OTHER), e.getMessage());
    }

    @Test
    void aJibImageFileOfAnEarlierBuildIsNotTaken() throws Exception {
        emulator.registerPush("app", "1.0", OTHER, 4096L);
        jibPushed(HOST + "/app:1.0", PUSHED, List.of("1.0"));
        FileTime before = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(target.resolve("jib-image.json"), before);
        Files.setLastModifiedTime(target.resolve("jib-image.digest"), before);

        MojoRunner goal = verifyImage();
        goal.execute();

        assertEquals(OTHER, goal.projectProperties().getProperty("ecr.imageDigest"));
    }

    @Test
    void jibToImageOnTheCommandLineIsTheImageVerified() throws Exception {
        emulator.registerPush("app", "1.0", OTHER, 4096L);
        emulator.registerPush("app", "hotfix-2", PUSHED, 2048L);

        MojoRunner goal = verifyImage().userProperty("jib.to.image", HOST + "/app:hotfix-2");
        goal.execute();

        assertEquals(PUSHED, goal.projectProperties().getProperty("ecr.imageDigest"));
        assertTrue(goal.logText().contains("ECR image app:hotfix-2: " + PUSHED), goal.logText());
    }

    @Test
    void quarkusDigestFileIsTakenForTheImageQuarkusWasHanded() throws Exception {
        emulator.registerPush("app", "1.0", PUSHED, 2048L);
        // Quarkus's Jib extension writes the digest only (quarkus.jib.image-digest-file).
        Files.writeString(target.resolve("jib-image.digest"), PUSHED, StandardCharsets.UTF_8);
        emulator.registerPush("app", "1.0", OTHER, 4096L);

        MojoRunner goal = verifyImage().set("imageBuilders", List.of("quarkus"));
        goal.projectProperties().setProperty("quarkus.container-image.image", HOST + "/app:1.0");
        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);

        assertTrue(e.getMessage().contains("app:1.0 now points at " + OTHER), e.getMessage());
        assertTrue(e.getMessage().contains("jib-image.digest"), e.getMessage());
    }

    @Test
    void anImageInAnotherAccountsRegistryIsLookedUpInThatRegistry() {
        emulator.registerPush("app", "1.0", PUSHED, 2048L);

        // The emulator holds account 123456789012 only; ECR is asked for registry 210987654321 and refuses.
        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> verifyImage()
                        .set("image", "210987654321.dkr.ecr.us-east-1.amazonaws.com/app:1.0")
                        .execute());

        assertTrue(e.getMessage().contains("registry 210987654321"), e.getMessage());
    }

    @Test
    void anImageInTheCallersOwnRegistryByItsHostIsFound() throws Exception {
        emulator.registerPush("app", "1.0", PUSHED, 2048L);

        MojoRunner goal = verifyImage().set("image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0");
        goal.execute();

        assertEquals(PUSHED, goal.projectProperties().getProperty("ecr.imageDigest"));
    }

    @Test
    void aRegistryIdThatContradictsTheImageHostIsRefusedBeforeAnyCall() {
        MojoFailureException e = assertThrows(
                MojoFailureException.class,
                () -> verifyImage()
                        .set("image", "210987654321.dkr.ecr.us-east-1.amazonaws.com/app:1.0")
                        .set("registryId", "111111111111")
                        .execute());

        assertTrue(e.getMessage().contains("<image>"), e.getMessage());
        assertTrue(e.getMessage().contains("210987654321") && e.getMessage().contains("111111111111"), e.getMessage());
        assertEquals(List.of(), emulator.calls());
    }

    @Test
    void anExplicitImageOfAnotherRepositoryIgnoresWhatJibPushedElsewhere() throws Exception {
        emulator.seedRepository(new RepositorySeed("other").scanOnPush(true));
        emulator.registerPush("other", "2.0", OTHER, 4096L);
        emulator.registerPush("app", "1.0", PUSHED, 2048L);
        jibPushed(HOST + "/app:1.0", PUSHED, List.of("1.0"));

        MojoRunner goal = verifyImage().set("image", "other:2.0");
        goal.execute();

        assertEquals(OTHER, goal.projectProperties().getProperty("ecr.imageDigest"));
        assertTrue(new File(target.toFile(), "jib-image.json").exists());
    }
}
