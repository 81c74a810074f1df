package io.github.ecrmavenplugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.model.ImageReference;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.publish.ImageBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which image verify-image checks, from what the build says: {@code <image>}, the names the image builders were
 * handed (user properties before the project's), and the files they wrote after their push in this build.
 */
class PushedImagesTest {

    private static final String HOST = "127.0.0.1:5443";
    private static final String ECR_HOST = "210987654321.dkr.ecr.us-east-1.amazonaws.com";
    private static final String DIGEST = "sha256:" + "a1".repeat(32);
    private static final ImageReference FALLBACK = new ImageReference("app", "1.0");

    @TempDir
    Path target;

    private final Properties user = new Properties();
    private final Properties project = new Properties();
    private final List<String> log = new ArrayList<>();
    private final BuildLog buildLog = new BuildLog(
            line -> log.add("[DEBUG] " + line),
            line -> log.add("[INFO] " + line),
            line -> log.add("[WARNING] " + line),
            line -> log.add("[ERROR] " + line));

    private PushedImages.Build build(String image, List<ImageBuilder> builders, String registryId) {
        return new PushedImages.Build(
                Optional.ofNullable(image),
                user,
                project,
                Optional.of(target),
                Optional.of(Instant.now().minus(Duration.ofMinutes(1))),
                builders,
                List.of("latest", "sha-1234"),
                FALLBACK,
                Optional.ofNullable(registryId));
    }

    private PushedImage find(String image, List<ImageBuilder> builders) throws InvalidConfigurationException {
        return PushedImages.find(build(image, builders, null), buildLog);
    }

    private void write(String file, String text) throws Exception {
        Files.writeString(target.resolve(file), text, StandardCharsets.UTF_8);
    }

    private void jibImageJson(String json) throws Exception {
        write(PushedImages.JIB_IMAGE_JSON, json);
    }

    private String jibImageJson() {
        return target.resolve(PushedImages.JIB_IMAGE_JSON).toString();
    }

    private String digestFile() {
        return target.resolve(PushedImages.JIB_IMAGE_DIGEST).toString();
    }

    private List<String> warnings() {
        return log.stream().filter(l -> l.startsWith("[WARNING] ")).toList();
    }

    @Test
    void withoutAnyNameEnsureRepositorysDefaultIsVerifiedByTag() throws Exception {
        assertEquals(
                new PushedImage(FALLBACK, List.of("1.0"), Optional.empty(), "<jibTag>", Optional.empty()),
                find(null, List.of(ImageBuilder.DOCKER_MAVEN)));
    }

    @Test
    void jibToImageWithoutATagIsLatestAndCarriesJibsAdditionalTags() throws Exception {
        project.setProperty("jib.to.image", HOST + "/app");

        assertEquals(
                new PushedImage(
                        new ImageReference("app", "latest"),
                        List.of("latest", "sha-1234"),
                        Optional.empty(),
                        "jib.to.image",
                        Optional.empty()),
                find(null, List.of()));
    }

    @Test
    void aUserPropertyWinsOverTheProjectsAndABlankOneIsNoName() throws Exception {
        project.setProperty("jib.to.image", "app:from-project");
        user.setProperty("jib.to.image", "app:from-command-line");
        assertEquals(
                new ImageReference("app", "from-command-line"),
                find(null, List.of()).reference());

        user.setProperty("jib.to.image", " ");
        assertEquals(
                new ImageReference("app", "from-project"), find(null, List.of()).reference());
    }

    @Test
    void anotherBuildersNameGetsNoneOfJibsTagsNorJibsDigest() throws Exception {
        project.setProperty("spring-boot.build-image.imageName", "app");
        write(PushedImages.JIB_IMAGE_DIGEST, DIGEST);

        assertEquals(
                new PushedImage(
                        new ImageReference("app", "latest"),
                        List.of("latest"),
                        Optional.empty(),
                        "spring-boot.build-image.imageName",
                        Optional.empty()),
                find(null, List.of(ImageBuilder.DOCKER_MAVEN, ImageBuilder.SPRING_BOOT)));
    }

    @Test
    void jibToImageWithTheDigestFileOfThisBuildIsVerifiedByThatDigest() throws Exception {
        project.setProperty("jib.to.image", "app:1.0");
        write(PushedImages.JIB_IMAGE_DIGEST, DIGEST + "\n");

        assertEquals(
                new PushedImage(
                        new ImageReference("app", "1.0"),
                        List.of("1.0", "latest", "sha-1234"),
                        Optional.of(DIGEST),
                        digestFile(),
                        Optional.empty()),
                find(null, List.of()));
    }

    @Test
    void anImageHandedByDigestHasNoTagsToCheck() throws Exception {
        project.setProperty("jib.to.image", "app@" + DIGEST);
        write(PushedImages.JIB_IMAGE_DIGEST, DIGEST);

        assertEquals(
                new PushedImage(
                        new ImageReference("app", DIGEST),
                        List.of(),
                        Optional.empty(),
                        "jib.to.image",
                        Optional.empty()),
                find(null, List.of()));
    }

    @Test
    void aDigestFileWithoutADigestIsSaidAndTheImageIsVerifiedByTag() throws Exception {
        project.setProperty("jib.to.image", "app:1.0");
        write(PushedImages.JIB_IMAGE_DIGEST, "not a digest");

        assertEquals(Optional.empty(), find(null, List.of()).digest());
        assertEquals(
                List.of("[WARNING] " + digestFile() + " holds no image digest; verifying the image by its tag"),
                warnings());
    }

    @Test
    void jibsImageFileNamesTheImageItsDigestAndItsTags() throws Exception {
        jibImageJson("{\"image\":\"" + HOST + "/app:1.0\",\"imageDigest\":\"" + DIGEST
                + "\",\"tags\":[\"1.0\",\"extra\",7]}");

        assertEquals(
                new PushedImage(
                        new ImageReference("app", "1.0"),
                        List.of("1.0", "extra"),
                        Optional.of(DIGEST),
                        jibImageJson(),
                        Optional.empty()),
                find(null, List.of()));
    }

    @Test
    void jibsImageFileOfAnImageByDigestGivesOnlyItsListedTags() throws Exception {
        jibImageJson("{\"image\":\"app@" + DIGEST + "\",\"imageDigest\":\"" + DIGEST + "\"}");

        PushedImage pushed = find(null, List.of());

        assertEquals(new ImageReference("app", DIGEST), pushed.reference());
        assertEquals(List.of(), pushed.tags());
        assertEquals(Optional.of(DIGEST), pushed.digest());
    }

    @Test
    void aJibImageFileThatSaysNoImageIsSaidAndLeftAside() throws Exception {
        project.setProperty("jib.to.image", "app:2.0");
        for (String json : List.of(
                "[]",
                "{\"imageDigest\":\"" + DIGEST + "\"}",
                "{\"image\":\"app:1.0\"}",
                "{\"image\":\"app:1.0\",\"imageDigest\":\"sha256:short\"}")) {
            log.clear();
            jibImageJson(json);

            assertEquals(new ImageReference("app", "2.0"), find(null, List.of()).reference(), json);
            assertEquals(
                    List.of("[WARNING] " + jibImageJson()
                            + " does not say which image Jib pushed; verifying the image by its tag"),
                    warnings(),
                    json);
        }
        log.clear();
        jibImageJson("{\"image\":");
        assertEquals(new ImageReference("app", "2.0"), find(null, List.of()).reference());
        assertEquals(1, warnings().size());
        assertTrue(
                warnings().get(0).startsWith("[WARNING] Cannot read " + jibImageJson() + " ("), warnings()::toString);
    }

    @Test
    void filesOfAFormerBuildAreNotTakenButFilesOfABuildWithoutAStartAre() throws Exception {
        project.setProperty("jib.to.image", "app:1.0");
        write(PushedImages.JIB_IMAGE_DIGEST, DIGEST);
        Files.setLastModifiedTime(
                target.resolve(PushedImages.JIB_IMAGE_DIGEST),
                FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        assertEquals(Optional.empty(), find(null, List.of()).digest());
        assertTrue(log.contains("[DEBUG] " + digestFile() + " is older than this build: a former build's, not taken"));

        PushedImages.Build noStart = new PushedImages.Build(
                Optional.empty(),
                user,
                project,
                Optional.of(target),
                Optional.empty(),
                List.of(),
                List.of(),
                FALLBACK,
                Optional.empty());
        log.clear();
        assertEquals(Optional.of(DIGEST), PushedImages.find(noStart, buildLog).digest());
        assertEquals(List.of(), warnings(), "no file that is not there is read");
    }

    @Test
    void anImageNamedByDigestIsVerifiedByThatDigestAlone() throws Exception {
        jibImageJson("{\"image\":\"app:1.0\",\"imageDigest\":\"" + DIGEST + "\",\"tags\":[\"1.0\"]}");

        assertEquals(
                new PushedImage(
                        new ImageReference("app", DIGEST), List.of(), Optional.empty(), "<image>", Optional.empty()),
                find("app@" + DIGEST, List.of()));
    }

    @Test
    void anImageNamedAsJibPushedItTakesJibsDigestAndTags() throws Exception {
        jibImageJson("{\"image\":\"" + HOST + "/app:1.0\",\"imageDigest\":\"" + DIGEST
                + "\",\"tags\":[\"1.0\",\"latest\"]}");

        assertEquals(
                new PushedImage(
                        new ImageReference("app", "1.0"),
                        List.of("1.0", "latest"),
                        Optional.of(DIGEST),
                        jibImageJson(),
                        Optional.empty()),
                find("app:1.0", List.of()));
    }

    @Test
    void anImageNamedAsQuarkusWasHandedItTakesTheDigestQuarkusWrote() throws Exception {
        project.setProperty("jkube.generator.name", "app:1.0");
        project.setProperty("quarkus.container-image.image", HOST + "/app:1.0");
        write(PushedImages.JIB_IMAGE_DIGEST, DIGEST);

        assertEquals(
                new PushedImage(
                        new ImageReference("app", "1.0"),
                        List.of("1.0"),
                        Optional.of(DIGEST),
                        digestFile(),
                        Optional.empty()),
                find("app:1.0", List.of(ImageBuilder.JKUBE, ImageBuilder.QUARKUS)));
    }

    @Test
    void anImageNamedAsOnlyABuilderWithoutADigestFileWasHandedIsVerifiedByTag() throws Exception {
        project.setProperty("jkube.generator.name", "app:1.0");
        project.setProperty("quarkus.container-image.image", "app:2.0");
        write(PushedImages.JIB_IMAGE_DIGEST, DIGEST);

        assertEquals(
                new PushedImage(
                        new ImageReference("app", "1.0"),
                        List.of("1.0"),
                        Optional.empty(),
                        "<image>",
                        Optional.empty()),
                find("app:1.0", List.of(ImageBuilder.JKUBE, ImageBuilder.QUARKUS)));
    }

    @Test
    void theRegistryIsTheOneTheHostNamesElseRegistryId() throws Exception {
        assertEquals(
                Optional.of("210987654321"),
                PushedImages.find(build(ECR_HOST + "/app:1.0", List.of(), "210987654321"), buildLog)
                        .registryId());
        assertEquals(
                Optional.of("111111111111"),
                PushedImages.find(build("app:1.0", List.of(), "111111111111"), buildLog)
                        .registryId());
        assertEquals(
                Optional.of("210987654321"),
                PushedImages.find(build(ECR_HOST + "/app:1.0", List.of(), null), buildLog)
                        .registryId());

        project.setProperty("jib.to.image", ECR_HOST + "/app:1.0");
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> PushedImages.find(build(null, List.of(), "111111111111"), buildLog));
        assertEquals("registryId", e.parameter());
        assertTrue(e.getMessage().contains("(jib.to.image) is in registry 210987654321"), e.getMessage());
    }

    @Test
    void aDigestFileThatCannotBeReadIsSaidAndTheImageIsVerifiedByTag() throws Exception {
        project.setProperty("jib.to.image", "app:1.0");
        Files.write(target.resolve(PushedImages.JIB_IMAGE_DIGEST), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});

        assertEquals(Optional.empty(), find(null, List.of()).digest());
        assertEquals(1, warnings().size(), warnings()::toString);
        assertTrue(warnings().get(0).startsWith("[WARNING] Cannot read " + digestFile() + " ("), warnings()::toString);
        assertTrue(warnings().get(0).endsWith("); verifying the image by its tag"), warnings()::toString);
    }
}
