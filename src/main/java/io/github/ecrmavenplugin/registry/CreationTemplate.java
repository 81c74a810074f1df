package io.github.ecrmavenplugin.registry;

import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.model.TagMutability;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A repository creation template of the registry, as {@code DescribeRepositoryCreationTemplates} reports it: the
 * settings ECR gives the repositories it creates itself (on push, through a pull through cache, by replication)
 * under {@link #prefix}. ECR applies none of it to a repository made with {@code CreateRepository}; the plugin
 * applies it when it creates one.
 *
 * @param prefix          the namespace it covers, without a trailing {@code /}, or {@link #ROOT} for every
 *                        repository no other template covers
 * @param description     what the platform team wrote about it; empty when none
 * @param appliedFor      when ECR applies it: {@code CREATE_ON_PUSH}, {@code PULL_THROUGH_CACHE},
 *                        {@code REPLICATION} (and whatever ECR adds)
 * @param tagMutability   tag mutability and its exclusion filters; empty when the template sets none (ECR's
 *                        default, {@code MUTABLE})
 * @param encryption      encryption at rest; empty when the template sets none (AES256)
 * @param resourceTags    the tags it gives a new repository
 * @param repositoryPolicy the repository policy text; empty when none
 * @param lifecyclePolicy the lifecycle policy text; empty when none
 * @param customRoleArn   the role ECR assumes to apply its KMS key and tags; empty for ECR's service-linked role
 */
public record CreationTemplate(
        String prefix,
        Optional<String> description,
        Set<String> appliedFor,
        Optional<TagMutability> tagMutability,
        Optional<Encryption> encryption,
        Map<String, String> resourceTags,
        Optional<String> repositoryPolicy,
        Optional<String> lifecyclePolicy,
        Optional<String> customRoleArn) {

    /** The prefix of the template for every repository that no other template covers. */
    public static final String ROOT = "ROOT";

    /** The {@code appliedFor} value of templates that ECR applies when a push creates a repository. */
    public static final String CREATE_ON_PUSH = "CREATE_ON_PUSH";

    public CreationTemplate {
        // ECR assumes a '/' after every prefix: "team" and "team/" name the same namespace.
        prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        appliedFor = Set.copyOf(appliedFor);
        resourceTags = Map.copyOf(resourceTags);
    }

    /**
     * Whether the template's prefix covers {@code repositoryName} as a path: {@code team} covers {@code team/svc}
     * and {@code team/a/b}, not {@code teamx/svc} nor {@code team} itself. {@link #ROOT} covers no name by prefix.
     */
    public boolean covers(String repositoryName) {
        return !isRoot() && repositoryName.startsWith(prefix + "/");
    }

    public boolean isRoot() {
        return prefix.equals(ROOT);
    }

    /** Whether ECR applies it to a repository a push creates. */
    public boolean appliesOnPush() {
        return appliedFor.contains(CREATE_ON_PUSH);
    }

    /** How the build log names it: {@code "team" (team/...)} or {@code ROOT}. */
    public String describe() {
        return isRoot() ? "ROOT" : "\"" + prefix + "\"";
    }

    /**
     * The template ECR would apply if a push created {@code repositoryName}: among those applied on push, the one
     * with the longest prefix covering the name, else the {@link #ROOT} one; empty when none applies.
     */
    public static Optional<CreationTemplate> forPush(List<CreationTemplate> templates, String repositoryName) {
        List<CreationTemplate> onPush =
                templates.stream().filter(CreationTemplate::appliesOnPush).toList();
        return onPush.stream()
                .filter(t -> t.covers(repositoryName))
                .max(Comparator.comparingInt(t -> t.prefix().length()))
                .or(() -> onPush.stream().filter(CreationTemplate::isRoot).findFirst());
    }
}
