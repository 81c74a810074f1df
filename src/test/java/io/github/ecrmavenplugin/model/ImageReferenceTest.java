package io.github.ecrmavenplugin.model;

import static io.github.ecrmavenplugin.model.InvalidConfiguration.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** verify-image's {@code <image>}: a repository and a tag or digest, with any registry host in front dropped. */
class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        team/api:1.0                                              | team/api     | 1.0
        # quoted, so that the blanks around the image reach parse()
        '  team/api:1.0  '                                        | team/api     | 1.0
        api:latest                                                | api          | latest
        123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:1.0 | team/api     | 1.0
        127.0.0.1:5000/team/api:2.0                               | team/api     | 2.0
        localhost/api:3                                           | api          | 3
        team/api/sub:v1                                           | team/api/sub | v1
        """)
    void byTag(String image, String repository, String tag) throws Exception {
        ImageReference reference = ImageReference.parse(image, "image");
        assertEquals(repository, reference.repositoryName());
        assertEquals(tag, reference.tagOrDigest());
        assertFalse(reference.byDigest());
        assertEquals(repository + ":" + tag, reference.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:1.0      | 123456789012
        210987654321.dkr.ecr-fips.us-east-1.amazonaws.com/api:1.0      | 210987654321
        210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn/api:1.0       | 210987654321
        210987654321.dkr-ecr.eu-west-1.on.aws/team/api:1.0             | 210987654321
        210987654321.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | 210987654321
        127.0.0.1:5000/team/api:2.0                                    | ''
        my-proxy.example.com/team/api:2.0                              | ''
        12345678901.dkr.ecr.eu-west-1.amazonaws.com/api:1.0            | ''
        team/api:1.0                                                   | ''
        """)
    void anEcrHostNamesTheRegistrysAccount(String image, String registryId) throws Exception {
        assertEquals(
                registryId.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(registryId),
                ImageReference.parse(image, "image").registryId());
    }

    @Test
    void byDigest() throws Exception {
        ImageReference reference = ImageReference.parse("host.example:443/team/api@" + DIGEST, "image");
        assertEquals(new ImageReference("team/api", DIGEST), reference);
        assertTrue(reference.byDigest());
        assertEquals("team/api@" + DIGEST, reference.toString());
    }

    @Test
    void aFirstPathPartWithoutDotColonOrLocalhostIsARepositoryNamespace() throws Exception {
        assertEquals("team/api", ImageReference.parse("team/api:1.0", "image").repositoryName());
        assertEquals(
                "localhost2/api",
                ImageReference.parse("localhost2/api:1.0", "image").repositoryName());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        team/api@sha256:abc                                                             | is not an image digest
        team/api@md5:0123                                                               | is not an image digest
        team/api@sha256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF | is not an image digest
        team/api                                                                        | names no tag
        :1.0                                                                            | names no tag
        127.0.0.1:5000/team/api                                                         | names no tag
        host:5000/api                                                                   | names no tag
        """)
    void aBadDigestOrAMissingTagIsRefusedNamingTheParameter(String image, String why) {
        fails("image", why, () -> ImageReference.parse(image, "image"));
    }

    @Test
    void anInvalidTagIsRefused() {
        fails("image", () -> ImageReference.parse("team/api:bad tag", "image"));
    }
}
