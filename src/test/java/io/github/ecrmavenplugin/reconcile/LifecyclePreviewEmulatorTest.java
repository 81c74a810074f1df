package io.github.ecrmavenplugin.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.aws.SdkRegistry;
import io.github.ecrmavenplugin.emulator.EcrEmulator;
import io.github.ecrmavenplugin.emulator.EmulatorExtension;
import io.github.ecrmavenplugin.emulator.RepositorySeed;
import io.github.ecrmavenplugin.emulator.RepositorySeed.ImageSeed;
import io.github.ecrmavenplugin.model.LifecycleRule;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.registry.RegistryException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;

/** ECR's lifecycle preview through the real SDK registry against the emulator, before the policy is written. */
class LifecyclePreviewEmulatorTest {

    private static final Instant NOW = Instant.now();

    @RegisterExtension
    final EmulatorExtension emulatorExtension = EmulatorExtension.perTest(EcrEmulator.builder());

    private final EcrEmulator emulator = emulatorExtension.emulator();
    private final EcrClient client = emulatorExtension.client();
    private final Reconciler reconciler = new Reconciler(new SdkRegistry(client, null), message -> {});

    @BeforeEach
    void seed() {
        emulator.seedRepository(new RepositorySeed("team/app")
                .image(ImageSeed.pushed(NOW.minus(Duration.ofDays(40)), "pr-1"))
                .image(ImageSeed.pushed(NOW.minus(Duration.ofDays(30)), "pr-2"))
                .image(ImageSeed.pushed(NOW.minus(Duration.ofDays(20)), "pr-3"))
                .image(ImageSeed.pushed(NOW.minus(Duration.ofDays(10)), "pr-4"))
                .image(new ImageSeed(
                        List.of("1.0.0"), NOW.minus(Duration.ofDays(200)), NOW.minus(Duration.ofDays(120)), null))
                .image(new ImageSeed(
                        List.of("1.1.0"), NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(1)), null))
                .image(new ImageSeed(
                        List.of("0.9.0"), NOW.minus(Duration.ofDays(500)), null, NOW.minus(Duration.ofDays(400)))));
    }

    private static RepositorySpec spec(LifecycleRule... rules) throws Exception {
        return RepositorySpec.builder()
                .name("team/app")
                .lifecycleRules(List.of(rules))
                .build();
    }

    private static LifecycleRule keepLastPr(int count) {
        return new LifecycleRule(null, List.of("pr-"), List.of(), count, null, null);
    }

    @Test
    void namesTheImagesEachRuleWouldExpireOrArchiveWithoutApplyingAnything() throws Exception {
        List<Plan> plans = reconciler.plan(
                List.of(spec(
                        keepLastPr(2),
                        LifecycleRule.archiveNotPulledForDays(90),
                        LifecycleRule.expireArchivedAfterDays(365))),
                Reconciler.Options.DEFAULT);

        LifecyclePreview preview =
                reconciler.preview(plans, Duration.ofSeconds(10)).get(0);

        assertTrue(preview.skipped().isEmpty(), preview.toString());
        List<LifecyclePreview.RuleOutcome> rules = preview.rules();
        assertEquals(
                List.of("expire", "transition to archive", "expire"),
                rules.stream().map(LifecyclePreview.RuleOutcome::action).toList());
        assertEquals(List.of(List.of("pr-1"), List.of("pr-2")), tags(rules.get(0)));
        assertEquals(List.of(List.of("1.0.0")), tags(rules.get(1)), "1.1.0 was pulled yesterday");
        assertEquals(List.of(List.of("0.9.0")), tags(rules.get(2)));
        assertTrue(emulator.calls("PutLifecyclePolicy").isEmpty(), "a preview writes nothing");
        assertEquals(1, emulator.calls("StartLifecyclePolicyPreview").size());
        assertTrue(preview.expiringTag("pr-1").isPresent());
        assertTrue(preview.expiringTag("pr-4").isEmpty());

        List<String> text = PlanReport.previewText(List.of(preview));
        assertTrue(
                text.get(1)
                        .startsWith("  rule 1 (expire) \"Keep the last 2 images tagged pr-*\": 2 images would "
                                + "be expired: pr-1 (pushed "
                                + NOW.minus(Duration.ofDays(40)).toString().substring(0, 10)),
                text.get(1));
        assertTrue(
                text.get(2).contains("(transition to archive)") && text.get(2).contains("1 image would be archived"),
                text.get(2));
        String json = PlanReport.json(plans, List.of(preview));
        assertTrue(json.contains("\"imageCount\": 2") && json.contains("\"pr-1\""), json);
    }

    @Test
    void aPreviewThatDoesNotFinishInTimeIsReportedAndSkipped() throws Exception {
        emulator.lifecyclePreviewDuration(Duration.ofMinutes(5));
        List<Plan> plans = reconciler.plan(List.of(spec(keepLastPr(2))), Reconciler.Options.DEFAULT);

        long start = System.nanoTime();
        LifecyclePreview preview =
                reconciler.preview(plans, Duration.ofMillis(1500)).get(0);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(millis < 5_000, "waited " + millis + " ms");
        assertTrue(preview.skipped().orElseThrow().contains("did not finish within 1.5 s"), preview.toString());
        assertTrue(emulator.calls("GetLifecyclePolicyPreview").size() >= 2, "polled while in progress");
    }

    @Test
    void noPreviewForANewRepositoryNorForAnUnchangedPolicy() throws Exception {
        RepositorySpec fresh = RepositorySpec.builder()
                .name("team/new")
                .lifecycleRules(List.of(keepLastPr(2)))
                .build();
        assertEquals(
                List.of(),
                reconciler.preview(reconciler.plan(List.of(fresh), Reconciler.Options.DEFAULT), Duration.ofSeconds(5)));
        reconciler.ensure(spec(keepLastPr(2)));
        emulator.clearCalls();
        assertEquals(
                List.of(),
                reconciler.preview(
                        reconciler.plan(List.of(spec(keepLastPr(2))), Reconciler.Options.DEFAULT),
                        Duration.ofSeconds(5)));
        assertTrue(emulator.calls("StartLifecyclePolicyPreview").isEmpty());
    }

    @Test
    void ecrRefusingThePolicyFailsThePreviewNamingTheWrite() throws Exception {
        // ECR bills archived images for at least 90 days and refuses a policy that expires them sooner; the plugin
        // does not refuse it itself (the minimum is ECR's to change), so ECR's answer is what the user sees.
        List<Plan> plans =
                reconciler.plan(List.of(spec(LifecycleRule.expireArchivedAfterDays(30))), Reconciler.Options.DEFAULT);
        RegistryException e =
                assertThrows(RegistryException.class, () -> reconciler.preview(plans, Duration.ofSeconds(5)));
        assertTrue(e.isInvalidParameter(), e.getMessage());
        assertTrue(e.getMessage().contains("less than 90 days"), e.getMessage());
    }

    private static List<List<String>> tags(LifecyclePreview.RuleOutcome rule) {
        return rule.images().stream().map(LifecyclePreview.Image::tags).toList();
    }
}
