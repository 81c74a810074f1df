package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.spec.InvalidConfigurationException;
import io.github.ecrmavenplugin.spec.RepositorySpec;
import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code <repository>} of {@code <repositories>}: a repository and its settings. The goal's top-level
 * parameters of the same names describe the single repository of a goal without {@code <repositories>}. Every
 * setting left out is left as ECR has it.
 *
 * <pre>{@code
 * <repositories>
 *   <repository>
 *     <name>team/api</name>
 *     <imageTagMutability>IMMUTABLE</imageTagMutability>
 *     <scanOnPush>true</scanOnPush>
 *     <tags><team>payments</team></tags>
 *   </repository>
 *   <repository>
 *     <name>team/worker</name>
 *     <lifecycleRules><rule><keepLast>30</keepLast></rule></lifecycleRules>
 *   </repository>
 * </repositories>
 * }</pre>
 */
public class RepositoryParameters {

    /** The repository name, e.g. {@code team/my-service}. Required. */
    String name;

    /**
     * Whether tags can be overwritten: {@code MUTABLE}, {@code IMMUTABLE}, {@code IMMUTABLE_WITH_EXCLUSION} or
     * {@code MUTABLE_WITH_EXCLUSION}. Set at creation and corrected when it drifts.
     */
    String imageTagMutability;

    /**
     * Wildcard filters ({@code *} matches anything) for the tags that behave the other way in the
     * {@code *_WITH_EXCLUSION} modes, e.g. {@code latest} or {@code dev-*}; one to five.
     */
    List<String> imageTagMutabilityExclusionFilters;

    /** Whether ECR scans every image for vulnerabilities when it is pushed. */
    Boolean scanOnPush;

    /** Tags of the repository, e.g. {@code <tags><team>payments</team></tags>}. Tags not listed are kept. */
    Map<String, String> tags;

    /** Removes the repository's tags that {@code tags} does not list. */
    Boolean purgeTags;

    /** The lifecycle policy as inline JSON ({@code {"rules": [...]}}). */
    String lifecyclePolicy;

    /** A file holding the lifecycle policy as JSON. */
    File lifecyclePolicyFile;

    /** The lifecycle policy as short rules: keep the last N images, expire untagged images after N days, ... */
    List<LifecycleRuleParameters> lifecycleRules;

    /** Encryption at rest: {@code AES256}, {@code KMS} or {@code KMS_DSSE}. Creation only. */
    String encryption;

    /** The KMS key (ARN, key ID or alias) for {@code KMS} or {@code KMS_DSSE}. Default: the AWS-managed key. */
    String kmsKey;

    /** Who may pull: accounts, role or user ARNs, organizations, and AWS services. */
    PullPolicyParameters pullPolicy;

    /** A repository policy as inline JSON. */
    String policy;

    /** A file holding the repository policy as JSON. */
    File policyFile;

    /** {@code replace} (the POM's policy is the whole policy) or {@code merge} (keep statements with other Sids). */
    String policyMode;

    /** Allows a policy that lets everyone ({@code *}) use the repository, without a condition. */
    Boolean allowPublicAccess;

    /**
     * @param prefix        put before parameter names in errors, e.g. {@code repositories[2]/}
     * @param nameParameter the parameter holding the name, e.g. {@code repositoryName} or {@code name}
     */
    RepositorySpec toSpec(String prefix, String nameParameter) throws InvalidConfigurationException {
        List<io.github.ecrmavenplugin.spec.LifecycleRule> rules = new ArrayList<>();
        if (lifecycleRules != null) {
            lifecycleRules.forEach(rule -> rules.add(rule == null ? null : rule.toRule()));
        }
        return RepositorySpec.builder()
                .parameterPrefix(prefix)
                .name(name)
                .nameParameter(nameParameter)
                .pullPolicy(pullPolicy == null ? null : pullPolicy.toPullPolicy())
                .policy(policy)
                .policyFile(policyFile == null ? null : policyFile.toPath())
                .policyMode(policyMode)
                .allowPublicAccess(Boolean.TRUE.equals(allowPublicAccess))
                .imageTagMutability(imageTagMutability, imageTagMutabilityExclusionFilters)
                .scanOnPush(scanOnPush)
                .tags(tags, Boolean.TRUE.equals(purgeTags))
                .lifecyclePolicy(lifecyclePolicy)
                .lifecyclePolicyFile(lifecyclePolicyFile == null ? null : lifecyclePolicyFile.toPath())
                .lifecycleRules(rules.isEmpty() ? null : rules)
                .encryption(encryption, kmsKey)
                .build();
    }

    /** The settings given, by parameter name (the name excepted). */
    List<String> declaredSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("imageTagMutability", imageTagMutability);
        settings.put("imageTagMutabilityExclusionFilters", imageTagMutabilityExclusionFilters);
        settings.put("scanOnPush", scanOnPush);
        settings.put("tags", tags);
        settings.put("purgeTags", purgeTags);
        settings.put("lifecyclePolicy", lifecyclePolicy);
        settings.put("lifecyclePolicyFile", lifecyclePolicyFile);
        settings.put("lifecycleRules", lifecycleRules);
        settings.put("encryption", encryption);
        settings.put("kmsKey", kmsKey);
        settings.put("pullPolicy", pullPolicy);
        settings.put("policy", policy);
        settings.put("policyFile", policyFile);
        settings.put("policyMode", policyMode);
        settings.put("allowPublicAccess", allowPublicAccess);
        // Maven hands an unconfigured list parameter over as an empty list: empty counts as not given.
        return settings.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .filter(e -> !(e.getValue() instanceof java.util.Collection<?> c && c.isEmpty()))
                .filter(e -> !(e.getValue() instanceof Map<?, ?> m && m.isEmpty()))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * The specs of a goal: the single repository of the top-level parameters, or each entry of
     * {@code <repositories>}. All are checked before the first call to AWS.
     */
    static List<RepositorySpec> specs(RepositoryParameters single, List<RepositoryParameters> repositories)
            throws InvalidConfigurationException {
        if (repositories == null || repositories.isEmpty()) {
            return List.of(single.toSpec("", "repositoryName"));
        }
        List<String> topLevel = single.declaredSettings();
        if (!topLevel.isEmpty()) {
            throw new InvalidConfigurationException(topLevel.get(0), "set at the top level while <repositories> "
                    + "lists the repositories; move it into each <repository> it applies to");
        }
        List<RepositorySpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < repositories.size(); i++) {
            String prefix = "repositories[" + (i + 1) + "]/";
            RepositoryParameters entry = repositories.get(i);
            if (entry == null) {
                throw new InvalidConfigurationException(prefix + "name", "the entry is empty; give at least <name>");
            }
            RepositorySpec spec = entry.toSpec(prefix, "name");
            if (!names.add(spec.name())) {
                throw new InvalidConfigurationException(prefix + "name", "\"" + spec.name() + "\" is listed twice; "
                        + "give each repository once, with all its settings");
            }
            specs.add(spec);
        }
        return specs;
    }
}
