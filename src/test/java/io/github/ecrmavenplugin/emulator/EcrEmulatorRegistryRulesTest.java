package io.github.ecrmavenplugin.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetRepositoryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageSigningStatus;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.RegistryScanningRule;
import software.amazon.awssdk.services.ecr.model.RepositoryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanType;
import software.amazon.awssdk.services.ecr.model.ScanningRepositoryFilter;
import software.amazon.awssdk.services.ecr.model.SigningConfigurationNotFoundException;
import software.amazon.awssdk.services.ecr.model.SigningRule;
import software.amazon.awssdk.services.ecr.model.ValidationException;

/**
 * The registry's scanning and signing configurations through the real SDK: what ECR's model and documentation say
 * of their shapes, their filters' wildcard matching, which repositories they cover, the once-a-day limit of
 * {@code StartImageScan}, and the signing of pushed images.
 */
class EcrEmulatorRegistryRulesTest {

    private static final String PROFILE = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/ci_signing";
    private static final String OTHER_PROFILE = "arn:aws:signer:us-east-1:123456789012:/signing-profiles/releases";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T08:00:00Z"));
    private EcrEmulator emulator;
    private EcrClient ecr;

    @BeforeEach
    void start() {
        emulator = EcrEmulator.builder().clock(clock).build().start();
        ecr = EmulatorClients.noRetries(emulator);
    }

    @AfterEach
    void stop() {
        ecr.close();
        emulator.close();
    }

    private static RegistryScanningRule rule(ScanFrequency frequency, String... filters) {
        return RegistryScanningRule.builder()
                .scanFrequency(frequency)
                .repositoryFilters(java.util.Arrays.stream(filters)
                        .map(f -> ScanningRepositoryFilter.builder()
                                .filter(f)
                                .filterType("WILDCARD")
                                .build())
                        .toList())
                .build();
    }

    private RepositoryScanningConfiguration scanning(String name) {
        return ecr.batchGetRepositoryScanningConfiguration(r -> r.repositoryNames(name))
                .scanningConfigurations()
                .get(0);
    }

    // ---- scanning ----------------------------------------------------------------------------------------------

    @Test
    void aRegistryWithoutAConfigurationScansBasicallyWithoutRules() {
        var answer = ecr.getRegistryScanningConfiguration(r -> {});
        assertEquals("123456789012", answer.registryId());
        assertEquals(ScanType.BASIC, answer.scanningConfiguration().scanType());
        assertEquals(List.of(), answer.scanningConfiguration().rules());
    }

    /** Without rules, a repository's own scanOnPush decides; with rules, they do, and a repository none covers is MANUAL. */
    @Test
    void basicRulesDecideOverTheRepositorysOwnScanOnPush() {
        emulator.seedRepository(new RepositorySeed("app").scanOnPush(true));
        emulator.seedRepository(new RepositorySeed("team/svc"));
        assertEquals(ScanFrequency.SCAN_ON_PUSH, scanning("app").scanFrequency());
        assertEquals(ScanFrequency.MANUAL, scanning("team/svc").scanFrequency());

        var put = ecr.putRegistryScanningConfiguration(
                r -> r.scanType(ScanType.BASIC).rules(rule(ScanFrequency.SCAN_ON_PUSH, "team/*")));
        assertEquals(
                "team/*",
                put.registryScanningConfiguration()
                        .rules()
                        .get(0)
                        .repositoryFilters()
                        .get(0)
                        .filter());

        RepositoryScanningConfiguration app = scanning("app");
        assertEquals(ScanFrequency.MANUAL, app.scanFrequency());
        assertEquals(List.of(), app.appliedScanFilters());
        RepositoryScanningConfiguration svc = scanning("team/svc");
        assertEquals(ScanFrequency.SCAN_ON_PUSH, svc.scanFrequency());
        assertEquals("team/*", svc.appliedScanFilters().get(0).filter());
        assertTrue(svc.scanOnPush());
    }

    /** ECR's table of filters and names: a filter without a wildcard matches names containing it. */
    @ParameterizedTest(name = "{0} on prod, repo-prod, prod-repo, repo-prod-repo, prodrepo: {1}")
    @CsvSource({
        "prod, SCAN_ON_PUSH SCAN_ON_PUSH SCAN_ON_PUSH SCAN_ON_PUSH SCAN_ON_PUSH",
        "*prod, SCAN_ON_PUSH SCAN_ON_PUSH MANUAL MANUAL MANUAL",
        "prod*, SCAN_ON_PUSH MANUAL SCAN_ON_PUSH MANUAL SCAN_ON_PUSH",
        "*prod*, SCAN_ON_PUSH SCAN_ON_PUSH SCAN_ON_PUSH SCAN_ON_PUSH SCAN_ON_PUSH",
        "prod*repo, MANUAL MANUAL SCAN_ON_PUSH MANUAL SCAN_ON_PUSH"
    })
    void filtersMatchAsEcrsDocumentationTabulates(String filter, String expected) {
        List<String> names = List.of("prod", "repo-prod", "prod-repo", "repo-prod-repo", "prodrepo");
        names.forEach(emulator::seedRepository);
        ecr.putRegistryScanningConfiguration(r -> r.rules(rule(ScanFrequency.SCAN_ON_PUSH, filter)));

        BatchGetRepositoryScanningConfigurationResponse answer =
                ecr.batchGetRepositoryScanningConfiguration(r -> r.repositoryNames(names));

        assertEquals(
                List.of(expected.split(" ")),
                answer.scanningConfigurations().stream()
                        .map(RepositoryScanningConfiguration::scanFrequencyAsString)
                        .toList());
    }

    @Test
    void enhancedScanningPrefersContinuousAndLeavesUncoveredRepositoriesUnscanned() {
        emulator.seedRepository(new RepositorySeed("team/api").scanOnPush(true));
        emulator.seedRepository(new RepositorySeed("other").scanOnPush(true));
        ecr.putRegistryScanningConfiguration(r -> r.scanType(ScanType.ENHANCED)
                .rules(rule(ScanFrequency.SCAN_ON_PUSH, "team"), rule(ScanFrequency.CONTINUOUS_SCAN, "team/*")));

        assertEquals(ScanFrequency.CONTINUOUS_SCAN, scanning("team/api").scanFrequency());
        assertEquals(ScanFrequency.MANUAL, scanning("other").scanFrequency());
        emulator.registerPush("other", "1.0", null, null);
        assertThrows(
                software.amazon.awssdk.services.ecr.model.ScanNotFoundException.class,
                () -> ecr.describeImageScanFindings(
                        r -> r.repositoryName("other").imageId(id -> id.imageTag("1.0"))));
    }

    @Test
    void aMissingRepositoryIsAFailureOfTheBatch() {
        emulator.seedRepository("app");
        var answer = ecr.batchGetRepositoryScanningConfiguration(r -> r.repositoryNames("app", "gone"));
        assertEquals(1, answer.scanningConfigurations().size());
        assertEquals("gone", answer.failures().get(0).repositoryName());
        assertEquals("REPOSITORY_NOT_FOUND", answer.failures().get(0).failureCodeAsString());
    }

    @Test
    void theModelsConstraintsOnScanningRulesAreEnforced() {
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.putRegistryScanningConfiguration(r -> r.rules(
                        rule(ScanFrequency.SCAN_ON_PUSH, "a"),
                        rule(ScanFrequency.SCAN_ON_PUSH, "b"),
                        rule(ScanFrequency.SCAN_ON_PUSH, "c"))));
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.putRegistryScanningConfiguration(
                        r -> r.scanType(ScanType.BASIC).rules(rule(ScanFrequency.CONTINUOUS_SCAN, "a"))));
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.putRegistryScanningConfiguration(r -> r.rules(rule(ScanFrequency.SCAN_ON_PUSH, "Team/*"))));
        assertEquals(
                List.of(),
                ecr.getRegistryScanningConfiguration(r -> {})
                        .scanningConfiguration()
                        .rules());
    }

    // ---- StartImageScan ----------------------------------------------------------------------------------------

    @Test
    void aBasicScanOnRequestOncePerImageADay() {
        emulator.seedRepository("app");
        String digest = emulator.seedImage("app", "1.0");

        var started = ecr.startImageScan(r -> r.repositoryName("app").imageId(id -> id.imageDigest(digest)));
        assertEquals(digest, started.imageId().imageDigest());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(
                "COMPLETE",
                ecr.describeImageScanFindings(r -> r.repositoryName("app").imageId(id -> id.imageTag("1.0")))
                        .imageScanStatus()
                        .statusAsString());

        clock.advance(Duration.ofHours(23));
        LimitExceededException again = assertThrows(
                LimitExceededException.class,
                () -> ecr.startImageScan(r -> r.repositoryName("app").imageId(id -> id.imageTag("1.0"))));
        assertTrue(again.getMessage().contains("The scan quota per image has been exceeded"), again.getMessage());

        clock.advance(Duration.ofHours(1));
        ecr.startImageScan(r -> r.repositoryName("app").imageId(id -> id.imageTag("1.0")));
    }

    @Test
    void aScanOnPushCountsAsTheDaysScan() {
        emulator.seedRepository(new RepositorySeed("app").scanOnPush(true));
        emulator.registerPush("app", "1.0", null, null);
        assertThrows(
                LimitExceededException.class,
                () -> ecr.startImageScan(r -> r.repositoryName("app").imageId(id -> id.imageTag("1.0"))));
    }

    @Test
    void noScanIsStartedOnceTheDaysBasicScansAreSpentNorUnderEnhancedScanning() {
        emulator.seedRepository("app");
        emulator.seedImage("app", "1.0");
        emulator.basicScansLeft(0);
        assertThrows(
                LimitExceededException.class,
                () -> ecr.startImageScan(r -> r.repositoryName("app").imageId(id -> id.imageTag("1.0"))));

        emulator.basicScansLeft(5);
        emulator.registryScanning("ENHANCED", EcrEmulator.RegistryRule.of("CONTINUOUS_SCAN", "team/*"));
        assertThrows(
                ValidationException.class,
                () -> ecr.startImageScan(r -> r.repositoryName("app").imageId(id -> id.imageTag("1.0"))));
        assertThrows(
                ImageNotFoundException.class,
                () -> ecr.startImageScan(r -> r.repositoryName("app").imageId(id -> id.imageTag("2.0"))));
    }

    // ---- signing -----------------------------------------------------------------------------------------------

    @Test
    @DeletesOnPurpose("deletes a signing configuration that is not there, to show ECR's answer")
    void aRegistryWithoutSigningConfigurationSaysSo() {
        assertThrows(SigningConfigurationNotFoundException.class, () -> ecr.getSigningConfiguration(r -> {}));
        assertThrows(SigningConfigurationNotFoundException.class, () -> ecr.deleteSigningConfiguration(r -> {}));
    }

    @Test
    @DeletesOnPurpose("deletes the signing configuration it stored")
    void signingRulesAreStoredReadAndDeleted() {
        ecr.putSigningConfiguration(r -> r.signingConfiguration(c -> c.rules(
                SigningRule.builder().signingProfileArn(PROFILE).build(),
                SigningRule.builder()
                        .signingProfileArn(OTHER_PROFILE)
                        .repositoryFilters(f -> f.filter("release/*").filterType("WILDCARD_MATCH"))
                        .build())));

        var read = ecr.getSigningConfiguration(r -> {});
        assertEquals("123456789012", read.registryId());
        assertEquals(PROFILE, read.signingConfiguration().rules().get(0).signingProfileArn());
        assertEquals(List.of(), read.signingConfiguration().rules().get(0).repositoryFilters());
        assertEquals(
                "release/*",
                read.signingConfiguration()
                        .rules()
                        .get(1)
                        .repositoryFilters()
                        .get(0)
                        .filter());

        assertEquals(
                2,
                ecr.deleteSigningConfiguration(r -> {})
                        .signingConfiguration()
                        .rules()
                        .size());
        assertThrows(SigningConfigurationNotFoundException.class, () -> ecr.getSigningConfiguration(r -> {}));
    }

    @Test
    void theModelsConstraintsOnSigningRulesAreEnforced() {
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.putSigningConfiguration(r -> r.signingConfiguration(c -> c.rules(SigningRule.builder()
                        .signingProfileArn("arn:aws:signer:us-east-1:123456789012:signing-profile/x")
                        .build()))));
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.putSigningConfiguration(r -> r.signingConfiguration(c -> c.rules(SigningRule.builder()
                        .signingProfileArn(PROFILE)
                        .repositoryFilters(f -> f.filter("team/*").filterType("WILDCARD"))
                        .build()))));
    }

    /** A pushed image is signed by every profile whose rule covers its repository: in progress, then complete. */
    @Test
    void aPushedImageIsSignedByTheRulesThatCoverItsRepository() {
        emulator.seedRepository("release/api");
        emulator.seedRepository("scratch");
        emulator.signingRules(
                EcrEmulator.RegistryRule.of(PROFILE), EcrEmulator.RegistryRule.of(OTHER_PROFILE, "release/*"));
        emulator.signingPlan(null, Duration.ofSeconds(2), "COMPLETE", null, null);
        emulator.registerPush("release/api", "1.0", null, null);
        emulator.registerPush("scratch", "1.0", null, null);

        List<ImageSigningStatus> release = statuses("release/api");
        assertEquals(
                List.of(PROFILE, OTHER_PROFILE),
                release.stream().map(ImageSigningStatus::signingProfileArn).toList());
        assertEquals("IN_PROGRESS", release.get(0).statusAsString());
        clock.advance(Duration.ofSeconds(2));
        assertEquals("COMPLETE", statuses("release/api").get(1).statusAsString());
        assertEquals(1, statuses("scratch").size());
    }

    @Test
    void aFailedSigningCarriesItsCodeAndReasonAndAnUncoveredImageHasNoStatus() {
        emulator.seedRepository("app");
        emulator.seedRepository("other");
        emulator.signingRules(EcrEmulator.RegistryRule.of(PROFILE, "app"));
        emulator.signingPlan("app", Duration.ZERO, "FAILED", "SIGNING_FAILED", "Not authorized to sign with profile");
        emulator.registerPush("app", "1.0", null, null);
        emulator.registerPush("other", "1.0", null, null);

        ImageSigningStatus failed = statuses("app").get(0);
        assertEquals("FAILED", failed.statusAsString());
        assertEquals("SIGNING_FAILED", failed.failureCode());
        assertEquals("Not authorized to sign with profile", failed.failureReason());
        assertEquals(List.of(), statuses("other"));
    }

    private List<ImageSigningStatus> statuses(String repository) {
        return ecr.describeImageSigningStatus(r -> r.repositoryName(repository).imageId(id -> id.imageTag("1.0")))
                .signingStatuses();
    }
}
