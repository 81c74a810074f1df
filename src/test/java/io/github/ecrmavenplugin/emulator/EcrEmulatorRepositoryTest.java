package io.github.ecrmavenplugin.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.emulator.RepositoryState.ExclusionFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;

/** Repository operations through the real AWS SDK: shapes, defaults, ECR's validation and modeled errors. */
class EcrEmulatorRepositoryTest {

    @RegisterExtension
    final EmulatorExtension emulatorExtension = EmulatorExtension.perTest(
            EcrEmulator.builder().registryHost("127.0.0.1:5443").authorizationPassword("s3cret-pw"));

    private final EcrEmulator emulator = emulatorExtension.emulator();
    private final EcrClient ecr = emulatorExtension.client();

    @Test
    void createdRepositoryHasEcrDefaultsAndIsDescribed() {
        Instant before = Instant.now().minusSeconds(1);
        Repository created =
                ecr.createRepository(r -> r.repositoryName("team/app")).repository();

        assertEquals("arn:aws:ecr:us-east-1:123456789012:repository/team/app", created.repositoryArn());
        assertEquals("123456789012", created.registryId());
        assertEquals("127.0.0.1:5443/team/app", created.repositoryUri());
        assertEquals(ImageTagMutability.MUTABLE, created.imageTagMutability());
        assertFalse(created.imageScanningConfiguration().scanOnPush());
        assertEquals(EncryptionType.AES256, created.encryptionConfiguration().encryptionType());
        assertTrue(
                created.createdAt().isAfter(before)
                        && created.createdAt().isBefore(Instant.now().plusSeconds(1)),
                "createdAt is a real epoch-seconds timestamp: " + created.createdAt());

        Repository described = ecr.describeRepositories(r -> r.repositoryNames("team/app"))
                .repositories()
                .get(0);
        assertEquals(created, described);

        EmulatorCall call = emulator.calls("CreateRepository").get(0);
        assertEquals("team/app", call.repositoryName());
        assertEquals(EmulatorClients.ACCESS_KEY_ID, call.accessKeyId());
        assertEquals("us-east-1", call.region());
        assertEquals(200, call.httpStatus());
        assertNull(call.errorType());
    }

    @Test
    void defaultRegistryHostIsEcrsOwnForTheRequestRegion() {
        try (EcrEmulator plain = EcrEmulator.builder().build().start();
                EcrClient client = EmulatorClients.noRetries(plain)) {
            Repository created =
                    client.createRepository(r -> r.repositoryName("app")).repository();
            assertEquals("123456789012.dkr.ecr.us-east-1.amazonaws.com/app", created.repositoryUri());
        }
    }

    @Test
    void createWithAllSettingsStoresThem() {
        CreateRepositoryResponse response = ecr.createRepository(r -> r.repositoryName("full")
                .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(
                        f -> f.filterType("WILDCARD").filter("latest*"))
                .imageScanningConfiguration(s -> s.scanOnPush(true))
                .encryptionConfiguration(
                        e -> e.encryptionType(EncryptionType.KMS).kmsKey("arn:aws:kms:us-east-1:123456789012:key/k1"))
                .tags(Tag.builder().key("team").value("core").build()));

        assertEquals(
                ImageTagMutability.IMMUTABLE_WITH_EXCLUSION,
                response.repository().imageTagMutability());
        assertEquals(
                List.of(ImageTagMutabilityExclusionFilter.builder()
                        .filterType("WILDCARD")
                        .filter("latest*")
                        .build()),
                response.repository().imageTagMutabilityExclusionFilters());
        RepositoryState state = emulator.repository("full").orElseThrow();
        assertEquals("IMMUTABLE_WITH_EXCLUSION", state.imageTagMutability());
        assertEquals(List.of(ExclusionFilter.wildcard("latest*")), state.exclusionFilters());
        assertTrue(state.scanOnPush());
        assertEquals("KMS", state.encryptionType());
        assertEquals("arn:aws:kms:us-east-1:123456789012:key/k1", state.kmsKey());
        assertEquals(Map.of("team", "core"), state.tags());
    }

    @Test
    void secondCreateOfTheSameNameIsRepositoryAlreadyExists() {
        ecr.createRepository(r -> r.repositoryName("dup"));
        RepositoryAlreadyExistsException e = assertThrows(
                RepositoryAlreadyExistsException.class, () -> ecr.createRepository(r -> r.repositoryName("dup")));
        assertEquals("RepositoryAlreadyExistsException", e.awsErrorDetails().errorCode());
        assertTrue(
                e.getMessage()
                        .contains("The repository with name 'dup' already exists in the registry with id "
                                + "'123456789012'"),
                e.getMessage());
        assertEquals(400, e.statusCode());
        assertEquals(emulator.calls().get(1).requestId(), e.requestId());
    }

    @Test
    void describingAMissingRepositoryIsRepositoryNotFound() {
        RepositoryNotFoundException e = assertThrows(
                RepositoryNotFoundException.class, () -> ecr.describeRepositories(r -> r.repositoryNames("missing")));
        assertTrue(
                e.getMessage()
                        .contains("The repository with name 'missing' does not exist in the registry with "
                                + "id '123456789012'"),
                e.getMessage());
        assertEquals("RepositoryNotFoundException", emulator.calls().get(0).errorType());
        assertEquals(400, emulator.calls().get(0).httpStatus());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "UPPER", "trailing-", "-leading", "double//slash", "under__score_", "sp ace", "x/"})
    void invalidNamesAreInvalidParameter(String name) {
        InvalidParameterException e =
                assertThrows(InvalidParameterException.class, () -> ecr.createRepository(r -> r.repositoryName(name)));
        assertTrue(e.getMessage().contains("Invalid parameter at 'repositoryName'"), e.getMessage());
        assertTrue(emulator.repositories().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a.b", "a-b_c.d", "team/sub/app", "x1/y2"})
    void validNamesAreAccepted(String name) {
        assertEquals(
                name,
                ecr.createRepository(r -> r.repositoryName(name)).repository().repositoryName());
    }

    @Test
    void nameLongerThan256IsInvalid() {
        String name = "a".repeat(257);
        assertThrows(InvalidParameterException.class, () -> ecr.createRepository(r -> r.repositoryName(name)));
        ecr.createRepository(r -> r.repositoryName("a".repeat(256)));
    }

    @Test
    void describeChecksTheNumberOfNames() {
        List<String> tooMany =
                IntStream.rangeClosed(1, 101).mapToObj(i -> "repo" + i).toList();
        assertThrows(InvalidParameterException.class, () -> ecr.describeRepositories(r -> r.repositoryNames(tooMany)));
    }

    @Test
    void describeWithoutNamesPagesThroughAllRepositories() {
        IntStream.rangeClosed(1, 7).forEach(i -> emulator.seedRepository("repo" + i));
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            DescribeRepositoriesResponse page =
                    ecr.describeRepositories(r -> r.maxResults(3).nextToken(next));
            page.repositories().forEach(repository -> seen.add(repository.repositoryName()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(3, pages);
        assertEquals(List.of("repo1", "repo2", "repo3", "repo4", "repo5", "repo6", "repo7"), seen);
        // The SDK's own paginator walks the same pages.
        assertEquals(
                7,
                ecr.describeRepositoriesPaginator(r -> r.maxResults(2)).repositories().stream()
                        .count());
    }

    @Test
    void tagMutabilityExclusionFiltersFollowTheMode() {
        ecr.createRepository(r -> r.repositoryName("mut"));
        ImageTagMutabilityExclusionFilter filter = ImageTagMutabilityExclusionFilter.builder()
                .filterType("WILDCARD")
                .filter("dev-*")
                .build();

        // Filters without an *_WITH_EXCLUSION mode, and such a mode without filters, are refused.
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.putImageTagMutability(r -> r.repositoryName("mut")
                        .imageTagMutability(ImageTagMutability.IMMUTABLE)
                        .imageTagMutabilityExclusionFilters(filter)));
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.putImageTagMutability(
                        r -> r.repositoryName("mut").imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION)));
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.putImageTagMutability(r -> r.repositoryName("mut")
                        .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                        .imageTagMutabilityExclusionFilters(
                                f -> f.filterType("WILDCARD").filter("bad filter!"))));
        assertEquals("MUTABLE", emulator.repository("mut").orElseThrow().imageTagMutability());

        var response = ecr.putImageTagMutability(r -> r.repositoryName("mut")
                .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(filter));
        assertEquals(List.of(filter), response.imageTagMutabilityExclusionFilters());
        assertEquals(
                List.of(ExclusionFilter.wildcard("dev-*")),
                emulator.repository("mut").orElseThrow().exclusionFilters());

        ecr.putImageTagMutability(r -> r.repositoryName("mut").imageTagMutability(ImageTagMutability.IMMUTABLE));
        RepositoryState state = emulator.repository("mut").orElseThrow();
        assertEquals("IMMUTABLE", state.imageTagMutability());
        assertTrue(state.exclusionFilters().isEmpty(), "a plain mode drops the filters");
    }

    @Test
    void scanningConfigurationIsStored() {
        ecr.createRepository(r -> r.repositoryName("scan"));
        var response = ecr.putImageScanningConfiguration(
                r -> r.repositoryName("scan").imageScanningConfiguration(s -> s.scanOnPush(true)));
        assertTrue(response.imageScanningConfiguration().scanOnPush());
        assertTrue(emulator.repository("scan").orElseThrow().scanOnPush());
        assertThrows(
                RepositoryNotFoundException.class,
                () -> ecr.putImageScanningConfiguration(
                        r -> r.repositoryName("nope").imageScanningConfiguration(s -> s.scanOnPush(true))));
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        String arn = ecr.createRepository(r -> r.repositoryName("tagged")
                        .tags(Tag.builder().key("a").value("1").build()))
                .repository()
                .repositoryArn();
        ecr.tagResource(r -> r.resourceArn(arn)
                .tags(
                        Tag.builder().key("b").value("2").build(),
                        Tag.builder().key("a").value("changed").build()));
        Map<String, String> listed = ecr.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(Map.of("a", "changed", "b", "2"), listed);

        ecr.untagResource(r -> r.resourceArn(arn).tagKeys("a"));
        assertEquals(
                Map.of("b", "2"), emulator.repository("tagged").orElseThrow().tags());
        assertEquals("tagged", emulator.calls("UntagResource").get(0).repositoryName(), "name is read from the ARN");
    }

    @Test
    void badTagsAreRefusedWithEcrsTagErrors() {
        String arn =
                ecr.createRepository(r -> r.repositoryName("tags")).repository().repositoryArn();
        assertThrows(
                InvalidTagParameterException.class,
                () -> ecr.tagResource(r -> r.resourceArn(arn)
                        .tags(Tag.builder().key("aws:reserved").value("x").build())));
        assertThrows(
                InvalidTagParameterException.class,
                () -> ecr.tagResource(r ->
                        r.resourceArn(arn).tags(Tag.builder().key("").value("x").build())));
        assertThrows(
                InvalidTagParameterException.class,
                () -> ecr.tagResource(r -> r.resourceArn(arn)
                        .tags(Tag.builder().key("k".repeat(129)).value("x").build())));

        List<Tag> fifty = IntStream.range(0, 50)
                .mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
                .toList();
        ecr.tagResource(r -> r.resourceArn(arn).tags(fifty));
        assertThrows(
                TooManyTagsException.class,
                () -> ecr.tagResource(r -> r.resourceArn(arn)
                        .tags(Tag.builder().key("one-more").value("v").build())));
        assertEquals(50, emulator.repository("tags").orElseThrow().tags().size());

        assertThrows(
                RepositoryNotFoundException.class,
                () -> ecr.listTagsForResource(
                        r -> r.resourceArn("arn:aws:ecr:us-east-1:123456789012:repository/other")));
        assertThrows(
                RepositoryNotFoundException.class,
                () -> ecr.listTagsForResource(r -> r.resourceArn("arn:aws:ecr:eu-west-1:123456789012:repository/tags")),
                "another region's ARN");
        assertThrows(InvalidParameterException.class, () -> ecr.listTagsForResource(r -> r.resourceArn("not-an-arn")));
    }

    @Test
    void describeImagesFindsSeededImagesAndReportsMissingOnes() {
        emulator.seedRepository("img");
        String digest = emulator.seedImage("img", "1.0");
        emulator.seedImage("img", "2.0");

        DescribeImagesResponse one = ecr.describeImages(r -> r.repositoryName("img")
                .imageIds(ImageIdentifier.builder().imageTag("1.0").build()));
        assertEquals(1, one.imageDetails().size());
        assertEquals(digest, one.imageDetails().get(0).imageDigest());
        assertEquals(List.of("1.0"), one.imageDetails().get(0).imageTags());
        assertEquals(
                2,
                ecr.describeImages(r -> r.repositoryName("img")).imageDetails().size());

        ImageNotFoundException e = assertThrows(
                ImageNotFoundException.class,
                () -> ecr.describeImages(r -> r.repositoryName("img")
                        .imageIds(ImageIdentifier.builder().imageTag("3.0").build())));
        assertTrue(e.getMessage().contains("imageTag:'3.0'"), e.getMessage());
        assertThrows(RepositoryNotFoundException.class, () -> ecr.describeImages(r -> r.repositoryName("none")));
    }

    @Test
    void authorizationTokenDecodesToAwsAndThePassword() {
        Instant before = Instant.now();
        AuthorizationData data =
                ecr.getAuthorizationToken(r -> {}).authorizationData().get(0);
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        assertEquals("AWS:s3cret-pw", decoded);
        assertEquals("https://127.0.0.1:5443", data.proxyEndpoint());
        Duration lifetime = Duration.between(before, data.expiresAt());
        assertTrue(
                lifetime.compareTo(Duration.ofHours(11)) > 0 && lifetime.compareTo(Duration.ofHours(13)) < 0,
                "token lives 12 hours: " + lifetime);
        assertNull(emulator.calls().get(0).repositoryName());
    }

    @Test
    void defaultPasswordDiffersBetweenEmulators() {
        try (EcrEmulator a = EcrEmulator.builder().build();
                EcrEmulator b = EcrEmulator.builder().build()) {
            assertFalse(a.authorizationPassword().equals(b.authorizationPassword()));
            assertTrue(a.authorizationPassword().length() >= 32);
        }
    }

    @Test
    @DeletesOnPurpose("tests the emulator's DeleteRepository and BatchDeleteImage")
    void deleteRepositoryAndBatchDeleteImageWork() {
        emulator.seedRepository(new RepositorySeed("full").imageTags("1.0", "2.0"));
        assertThrows(RepositoryNotEmptyException.class, () -> ecr.deleteRepository(r -> r.repositoryName("full")));

        var deleted = ecr.batchDeleteImage(r -> r.repositoryName("full")
                .imageIds(
                        ImageIdentifier.builder().imageTag("1.0").build(),
                        ImageIdentifier.builder().imageTag("9.9").build()));
        assertEquals(1, deleted.imageIds().size());
        assertEquals(1, deleted.failures().size());
        assertEquals("9.9", deleted.failures().get(0).imageId().imageTag());
        assertEquals(
                java.util.Set.of("2.0"),
                emulator.repository("full").orElseThrow().imageTags());

        ecr.deleteRepository(r -> r.repositoryName("full").force(true));
        assertTrue(emulator.repository("full").isEmpty());
        assertThrows(RepositoryNotFoundException.class, () -> ecr.deleteRepository(r -> r.repositoryName("full")));
    }

    @Test
    void aForeignRegistryIdIsRefused() {
        ecr.createRepository(r -> r.repositoryName("own"));
        assertThrows(
                InvalidParameterException.class,
                () -> ecr.describeRepositories(r -> r.registryId("999999999999").repositoryNames("own")));
        assertEquals(
                1,
                ecr.describeRepositories(r -> r.registryId("123456789012").repositoryNames("own"))
                        .repositories()
                        .size());
    }
}
