package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.LifecycleRule;
import io.github.ecrmavenplugin.model.PullPolicy;
import io.github.ecrmavenplugin.model.RepositorySpec;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The settings of one repository, declared once: the goals inherit them as top-level parameters (the single
 * repository of a POM without {@code <repositories>}), and each {@code <repository>} of {@code <repositories>} is
 * one of these with a name ({@link RepositoryParameters}). Adding a setting means adding a field here, its line in
 * {@link #toSpec}, and its model and tests. Every setting left out is left as ECR has it.
 *
 * <p>The {@code @Parameter} annotations matter only where a goal inherits the fields; inside
 * {@code <repositories>} Maven sets the fields by name.
 *
 * <p>Every goal has these parameters, but only {@code ensure-repository} acts on all of them: each field's Javadoc,
 * the parameter reference, ends by naming the goals that act on it and those that only check it, so that a user of
 * {@code verify-image} or {@code warm-up} can tell which settings are there only to fail early.
 */
public abstract class RepositorySettings {

    /**
     * Whether image tags can be overwritten: {@code MUTABLE}, {@code IMMUTABLE}, {@code IMMUTABLE_WITH_EXCLUSION}
     * or {@code MUTABLE_WITH_EXCLUSION}. Set at creation, corrected on drift ({@code PutImageTagMutability}).
     * Default: left as ECR has it ({@code MUTABLE} for a new repository).
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.imageTagMutability")
    String imageTagMutability;

    /**
     * For the {@code *_WITH_EXCLUSION} modes: one to five wildcard filters ({@code *} matches anything) naming the
     * tags that behave the other way, e.g. {@code latest} or {@code dev-*}. As a property: comma-separated.
     *
     * <p>Acted on by: {@code ensure-repository}. Checked, not acted on, by: {@code print-iam-policy},
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.imageTagMutabilityExclusionFilters")
    List<String> imageTagMutabilityExclusionFilters;

    /**
     * Whether ECR scans each image for vulnerabilities on push: {@code true} or {@code false}. Set at creation,
     * corrected on drift. Default: left as ECR has it ({@code false} for a new repository).
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.scanOnPush")
    String scanOnPush;

    /**
     * The repository's tags, e.g. {@code <tags><team>payments</team></tags>}. Set at creation, added or corrected
     * on drift ({@code TagResource}); tags not listed here are kept unless {@code purgeTags} is set.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter
    Map<String, String> tags;

    /**
     * Removes the repository's tags that {@code tags} does not list ({@code UntagResource}): {@code true} or
     * {@code false} (the default).
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.purgeTags")
    String purgeTags;

    /**
     * The lifecycle policy as inline JSON ({@code {"rules": [...]}}), written when it differs by meaning from the
     * one in ECR ({@code PutLifecyclePolicy}). One of {@code lifecyclePolicy}, {@code lifecyclePolicyFile} and
     * {@code lifecycleRules}.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.lifecyclePolicy")
    String lifecyclePolicy;

    /**
     * A file holding the lifecycle policy as JSON.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.lifecyclePolicyFile")
    File lifecyclePolicyFile;

    /**
     * The lifecycle policy as short rules, in priority order: each {@code <rule>} has {@code keepLast} or
     * {@code expireAfterDays}, and optionally {@code tagStatus} ({@code tagged}, {@code untagged}, {@code any}),
     * {@code tagPrefixes}, {@code tagPatterns} and {@code description}.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter
    List<LifecycleRuleParameters> lifecycleRules;

    /**
     * Encryption at rest: {@code AES256}, {@code KMS} or {@code KMS_DSSE}. Set at creation only; on an existing
     * repository a difference is reported as a warning (ECR cannot change it, and the plugin never deletes).
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.encryption")
    String encryption;

    /**
     * The KMS key (ARN, key ID or alias) for {@code KMS} and {@code KMS_DSSE}. Default: the AWS-managed key.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.kmsKey")
    String kmsKey;

    /**
     * Who may pull: accounts, role or user ARNs, organizations, and AWS services. Renders the repository policy.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter
    PullPolicyParameters pullPolicy;

    /**
     * A repository policy as inline JSON.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.policy")
    String policy;

    /**
     * A file holding the repository policy as JSON.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.policyFile")
    File policyFile;

    /**
     * How the declared policy relates to the one in ECR: {@code replace} (default; the POM's policy is the whole
     * policy) or {@code merge} (the plugin owns only its own statements, identified by {@code Sid}, and keeps
     * statements with other Sids that others added).
     *
     * <p>Acted on by: {@code ensure-repository}. Checked, not acted on, by: {@code print-iam-policy},
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.policyMode")
    String policyMode;

    /**
     * Allows a repository policy that is public as AWS defines it: a principal {@code *} (or one with a wildcard),
     * or {@code NotPrincipal}, that no condition pins to fixed accounts, organizations, ARNs, VPCs or IP ranges. The
     * whole policy the goal writes is judged, statements kept from ECR included. {@code true} or {@code false} (the
     * default).
     *
     * <p>Acted on by: {@code ensure-repository}. Checked, not acted on, by: {@code print-iam-policy},
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.allowPublicAccess")
    String allowPublicAccess;

    /**
     * Allows a repository policy that would stop the build from changing it again: a {@code Deny} of
     * {@code ecr:SetRepositoryPolicy} (or {@code ecr:*}, {@code ecr:Set*}, ...) that no condition limits. ECR refuses
     * such a policy unless {@code SetRepositoryPolicy} is forced. The goal refuses one that denies everyone, or the
     * account {@code registryId} names, before any call; one that denies another account or principal goes to ECR,
     * which alone knows who the build runs as, and its refusal names this parameter. With {@code true} the policy is
     * sent with {@code force}. {@code true} or {@code false} (the default).
     *
     * <p>Acted on by: {@code ensure-repository}. Checked, not acted on, by: {@code print-iam-policy},
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.2.0
     */
    @Parameter(property = "ecr.allowLockOut")
    String allowLockOut;

    /**
     * How a missing repository is created in a registry with repository creation templates: {@code follow} creates
     * it as ECR would on push, with the settings of the template for its name (the longest prefix covering it, else
     * {@code ROOT}: tag mutability, encryption and KMS key, tags, lifecycle policy, repository policy), the settings
     * this POM declares on top, each difference reported once as a warning; and keeps the template's policy
     * statements (in {@code replace} mode too) and tags ({@code purgeTags} too). {@code ignore} creates it with this
     * POM's settings only, as {@code CreateRepository} does. Templates are read only when a repository is created,
     * when a build would remove a statement or a tag, and in plan mode. Default: {@code follow}.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by:
     * {@code verify-image}, {@code warm-up}.
     *
     * @since 0.2.0
     */
    @Parameter(property = "ecr.creationTemplate")
    String creationTemplate;

    /**
     * The repository these settings describe, validated.
     *
     * @param name          the repository name
     * @param prefix        put before parameter names in errors, e.g. {@code repositories[2]/}
     * @param nameParameter the parameter holding the name, e.g. {@code repositoryName} or {@code name}
     * @param region        the region, asked only by a policy that names it
     * @param registryAccount the registry's account ID, when the POM gives it ({@code registryId})
     */
    RepositorySpec toSpec(
            String name,
            String prefix,
            String nameParameter,
            PullPolicy.RegionSource region,
            Optional<String> registryAccount)
            throws InvalidConfigurationException {
        List<LifecycleRule> rules = new ArrayList<>();
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
                .allowPublicAccess(BooleanParameter.parse(allowPublicAccess, prefix + "allowPublicAccess", false))
                .allowLockOut(BooleanParameter.parse(allowLockOut, prefix + "allowLockOut", false))
                .imageTagMutability(imageTagMutability, imageTagMutabilityExclusionFilters)
                .scanOnPush(BooleanParameter.parse(scanOnPush, prefix + "scanOnPush")
                        .orElse(null))
                .tags(tags, BooleanParameter.parse(purgeTags, prefix + "purgeTags", false))
                .lifecyclePolicy(lifecyclePolicy)
                .lifecyclePolicyFile(lifecyclePolicyFile == null ? null : lifecyclePolicyFile.toPath())
                .lifecycleRules(rules.isEmpty() ? null : rules)
                .encryption(encryption, kmsKey)
                .creationTemplate(creationTemplate)
                .region(region)
                .registryAccount(registryAccount)
                .build();
    }

    /** Reads the boolean settings, so that a value neither true nor false fails, naming {@code prefix} + the setting. */
    void checkBooleanSettings(String prefix) throws InvalidConfigurationException {
        BooleanParameter.parse(scanOnPush, prefix + "scanOnPush");
        BooleanParameter.parse(purgeTags, prefix + "purgeTags");
        BooleanParameter.parse(allowPublicAccess, prefix + "allowPublicAccess");
        BooleanParameter.parse(allowLockOut, prefix + "allowLockOut");
    }

    /** The settings given, by parameter name, in declaration order. */
    List<String> declaredSettings() {
        return Arrays.stream(RepositorySettings.class.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .filter(field -> isGiven(valueOf(field)))
                .map(Field::getName)
                .toList();
    }

    private Object valueOf(Field field) {
        try {
            return field.get(this);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the setting " + field.getName(), e);
        }
    }

    /** Maven hands an unconfigured list or map parameter over as an empty one: empty counts as not given. */
    private static boolean isGiven(Object value) {
        return value != null
                && !(value instanceof Collection<?> c && c.isEmpty())
                && !(value instanceof Map<?, ?> m && m.isEmpty());
    }
}
