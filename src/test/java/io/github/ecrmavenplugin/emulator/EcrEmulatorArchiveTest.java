package io.github.ecrmavenplugin.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.ImageStatus;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;

/** The emulator accepts what ECR's current model accepts: model-valid names, the archive lifecycle grammar. */
class EcrEmulatorArchiveTest {

    private static final String ARCHIVE_POLICY = "{\"rules\":[{\"rulePriority\":1,\"description\":\"archive\","
            + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\","
            + "\"countNumber\":90},\"action\":{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}},"
            + "{\"rulePriority\":2,\"description\":\"expire archived\",\"selection\":{\"tagStatus\":\"any\","
            + "\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\","
            + "\"countNumber\":365},\"action\":{\"type\":\"expire\"}}]}";

    @RegisterExtension
    final EmulatorExtension emulatorExtension = EmulatorExtension.perTest(EcrEmulator.builder());

    private final EcrEmulator emulator = emulatorExtension.emulator();
    private final EcrClient ecr = emulatorExtension.client();

    @Test
    void namesOfTheServiceModelPatternAreCreated() {
        ecr.createRepository(r -> r.repositoryName("team/a__b--c"));
        ecr.createRepository(r -> r.repositoryName("x---y/z.w"));
        assertThrows(InvalidParameterException.class, () -> ecr.createRepository(r -> r.repositoryName("a___b")));
        assertEquals(2, emulator.repositories().size());
    }

    @Test
    void archiveLifecyclePoliciesAreStoredAndMisusesRefused() {
        emulator.seedRepository("app");
        ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(ARCHIVE_POLICY));
        assertEquals(
                EcrEmulator.ecrCompactedLifecyclePolicy(ARCHIVE_POLICY),
                emulator.repository("app").orElseThrow().lifecyclePolicyText());
        String transitionedStandard = ARCHIVE_POLICY.replace("\"storageClass\":\"archive\",", "");
        InvalidParameterException e = assertThrows(
                InvalidParameterException.class,
                () -> ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(transitionedStandard)));
        assertTrue(e.getMessage().contains("sinceImageTransitioned only with storageClass 'archive'"), e.getMessage());
        String tooSoon = ARCHIVE_POLICY.replace("\"countNumber\":365", "\"countNumber\":30");
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(tooSoon)));
    }

    @Test
    void aPreviewIsInProgressThenCompleteAndDescribeImagesShowsArchivedImages() throws Exception {
        Instant now = Instant.now();
        emulator.seedRepository(new RepositorySeed("app")
                .lifecyclePreviewDuration(Duration.ofMillis(400))
                .image(new RepositorySeed.ImageSeed(
                        List.of("old"), now.minus(Duration.ofDays(300)), now.minus(Duration.ofDays(200)), null))
                .image(new RepositorySeed.ImageSeed(
                        List.of("archived"), now.minus(Duration.ofDays(900)), null, now.minus(Duration.ofDays(400))))
                .image(RepositorySeed.ImageSeed.pushed(now, "new")));
        assertThrows(
                LifecyclePolicyPreviewNotFoundException.class,
                () -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app")));

        ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app").lifecyclePolicyText(ARCHIVE_POLICY));
        assertEquals(
                LifecyclePolicyPreviewStatus.IN_PROGRESS,
                ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app")).status());
        Thread.sleep(500);
        GetLifecyclePolicyPreviewResponse done = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app"));

        assertEquals(LifecyclePolicyPreviewStatus.COMPLETE, done.status());
        assertEquals(
                List.of(List.of("old"), List.of("archived")),
                done.previewResults().stream().map(p -> p.imageTags()).toList());
        assertEquals("TRANSITION", done.previewResults().get(0).action().typeAsString());
        assertEquals("ARCHIVE", done.previewResults().get(0).action().targetStorageClassAsString());
        assertEquals(1, done.summary().expiringImageTotalCount());
        assertEquals(1, done.summary().transitioningImageTotalCounts().get(0).imageTotalCount());
        assertTrue(emulator.repository("app").orElseThrow().lifecyclePolicyText() == null, "nothing applied");
        assertEquals(
                ImageStatus.ARCHIVED,
                ecr.describeImages(r -> r.repositoryName("app").imageIds(id -> id.imageTag("archived")))
                        .imageDetails()
                        .get(0)
                        .imageStatus());
    }
}
