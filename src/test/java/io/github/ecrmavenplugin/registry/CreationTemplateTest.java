package io.github.ecrmavenplugin.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which template ECR applies on push, which cache owns a name, which replication rule copies a repository. */
class CreationTemplateTest {

    private static CreationTemplate template(String prefix, String... appliedFor) {
        return new CreationTemplate(
                prefix,
                Optional.empty(),
                Set.of(appliedFor),
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static final List<CreationTemplate> TEMPLATES = List.of(
            template("ROOT", "CREATE_ON_PUSH"),
            template("team", "CREATE_ON_PUSH"),
            template("team/api", "CREATE_ON_PUSH", "REPLICATION"),
            template("team/api/internal", "REPLICATION"),
            template("mirror/", "CREATE_ON_PUSH"));

    private static String forPush(String name) {
        return CreationTemplate.forPush(TEMPLATES, name)
                .map(CreationTemplate::prefix)
                .orElse("none");
    }

    @Test
    void theLongestPrefixCoveringTheNameAsAPathWins() {
        assertEquals("team", forPush("team/svc"));
        assertEquals("team/api", forPush("team/api/v2"));
        // a template not applied on push does not count, however long its prefix
        assertEquals("team/api", forPush("team/api/internal/x"));
        // "team" is a path segment: teamx/ is not under team/
        assertEquals("ROOT", forPush("teamx/svc"));
        // nor is the namespace itself a repository under it
        assertEquals("ROOT", forPush("team"));
        // ECR assumes the '/' after a prefix: "mirror/" and "mirror" are the same namespace
        assertEquals("mirror", forPush("mirror/nginx"));
    }

    @Test
    void withoutARootTemplateANameNoTemplateCoversGetsNone() {
        assertEquals(
                Optional.empty(), CreationTemplate.forPush(List.of(template("team", "CREATE_ON_PUSH")), "other/svc"));
        assertEquals(
                Optional.empty(),
                CreationTemplate.forPush(List.of(template("ROOT", "PULL_THROUGH_CACHE")), "other/svc"));
    }

    @Test
    void aCacheOwnsTheNamesUnderItsPrefixButRootClaimsNoName() {
        PullThroughCacheRule quay = new PullThroughCacheRule("quay/", "quay.io");
        assertTrue(quay.covers("quay/coreos/etcd"));
        assertFalse(quay.covers("quayx/app"));
        assertFalse(quay.covers("quay"));
        assertFalse(new PullThroughCacheRule("ROOT", "123456789012.dkr.ecr.eu-west-1.amazonaws.com").covers("app"));
        assertEquals(
                Optional.of(new PullThroughCacheRule("quay/mirror", "quay.io")),
                PullThroughCacheRule.covering(
                        List.of(quay, new PullThroughCacheRule("quay/mirror", "quay.io")), "quay/mirror/etcd"));
    }

    @Test
    void aReplicationFilterIsAPrefixOfCharactersAndNoFilterMeansEveryRepository() {
        Replication replication = new Replication(List.of(
                new Replication.Rule(List.of(new Replication.Destination("eu-central-1", "1")), List.of("team")),
                new Replication.Rule(List.of(new Replication.Destination("us-west-2", "2")), List.of())));

        assertEquals(
                List.of(1, 2),
                replication.rulesFor("teamx/svc").stream()
                        .map(Replication.Numbered::number)
                        .toList());
        assertEquals(
                List.of(2),
                replication.rulesFor("other").stream()
                        .map(Replication.Numbered::number)
                        .toList());
    }
}
