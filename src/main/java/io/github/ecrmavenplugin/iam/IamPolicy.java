package io.github.ecrmavenplugin.iam;

import io.github.ecrmavenplugin.json.Json;
import io.github.ecrmavenplugin.model.RepositorySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The least IAM policy a build identity needs for what the POM configures: the ECR actions the goal calls, on the
 * repository's ARN, plus {@code ecr:GetAuthorizationToken}, which IAM only grants on {@code *}. A platform team
 * grants exactly this; an access-denied failure points to it.
 *
 * <p>Each feature adds the actions it calls in {@link #forRepository}; keep it in step with what {@code Reconciler}
 * and {@code SdkRegistry} call.
 */
public final class IamPolicy {

    /** What Jib calls to push an image (and to look at what is there already). */
    static final List<String> PUSH_ACTIONS = List.of(
            "ecr:BatchCheckLayerAvailability",
            "ecr:BatchGetImage",
            "ecr:CompleteLayerUpload",
            "ecr:GetDownloadUrlForLayer",
            "ecr:InitiateLayerUpload",
            "ecr:PutImage",
            "ecr:UploadLayerPart");

    /**
     * What AWS documents for using enhanced scanning (Amazon Inspector) and retrieving its findings, less turning it
     * on and off ({@code inspector2:Enable}, {@code inspector2:Disable}), which the plugin never does.
     */
    static final List<String> INSPECTOR_ACTIONS =
            List.of("inspector2:ListAccountPermissions", "inspector2:ListCoverage", "inspector2:ListFindings");
    /** What ECR itself needs of a KMS key, on the caller's behalf, to create a repository encrypted with it. */
    static final List<String> KMS_ACTIONS = List.of("kms:CreateGrant", "kms:DescribeKey", "kms:RetireGrant");

    private final Map<String, Set<String>> repositoryActions = new LinkedHashMap<>(); // ARN -> actions
    private final Set<String> registryActions = new LinkedHashSet<>(); // on "*"
    private final Set<String> registrySettings = new LinkedHashSet<>(); // registry-level reads, on "*"
    private final Set<String> pushRepositories = new LinkedHashSet<>();
    private boolean enhancedFindings;
    private String signingProfiles; // non-null: the build's push is signed with one of these profiles
    private final Set<String> kmsKeys = new LinkedHashSet<>(); // key ARNs the POM names
    private String kmsViaRegion; // non-null: keys known only at creation, used through ECR in this region ("*": any)

    /**
     * Adds what ensuring one repository needs.
     *
     * @param arn      the repository ARN, with {@code *} for what is not known without asking AWS
     * @param jibImage whether Jib pushes to it ({@code jibImage} or {@code jibAuth})
     * @param create   whether the goal may create it ({@code createIfMissing})
     */
    public IamPolicy forRepository(RepositorySpec spec, String arn, boolean jibImage, boolean create) {
        Set<String> actions = repositoryActions.computeIfAbsent(arn, key -> new LinkedHashSet<>());
        actions.add("ecr:DescribeRepositories");
        // plan mode says which signing rule of the registry covers the repository
        registrySettings.add("ecr:GetSigningConfiguration");
        if (create) {
            actions.add("ecr:CreateRepository");
            // before creating: the names ECR's pull through caches own
            registrySettings.add("ecr:DescribePullThroughCacheRules");
            spec.encryption()
                    .filter(e -> e.type() != io.github.ecrmavenplugin.model.Encryption.Type.AES256)
                    .ifPresent(e -> kmsKey(e.kmsKey(), arn));
            if (spec.tags().filter(tags -> !tags.isEmpty()).isPresent()) {
                // tags given at creation are authorized as ecr:TagResource too
                actions.add("ecr:TagResource");
            }
            if (spec.followsCreationTemplate()) {
                // the registry's creation template for the name may give the new repository tags, a policy, a
                // lifecycle policy and a KMS key, which the plugin then writes with the build's identity
                registrySettings.add("ecr:DescribeRepositoryCreationTemplates");
                actions.add("ecr:TagResource");
                actions.add("ecr:SetRepositoryPolicy");
                actions.add("ecr:PutLifecyclePolicy");
                kmsKey(Optional.empty(), arn);
            }
        }
        // plan mode's view of the registry: where replication copies the repository's images
        registrySettings.add("ecr:DescribeRegistry");
        if (spec.policy().isPresent()) {
            actions.add("ecr:GetRepositoryPolicy");
            actions.add("ecr:SetRepositoryPolicy");
        }
        if (spec.lifecyclePolicy().isPresent()) {
            actions.add("ecr:GetLifecyclePolicy");
            actions.add("ecr:PutLifecyclePolicy");
            // the preview of what a new lifecycle policy would do, before it is written
            actions.add("ecr:StartLifecyclePolicyPreview");
            actions.add("ecr:GetLifecyclePolicyPreview");
        }
        if (spec.tagMutability().isPresent()) {
            actions.add("ecr:PutImageTagMutability");
        }
        if (spec.scanOnPush().isPresent()) {
            actions.add("ecr:PutImageScanningConfiguration");
            // before writing it: whether the registry's scanning rules decide instead, and which rule
            actions.add("ecr:BatchGetRepositoryScanningConfiguration");
            registrySettings.add("ecr:GetRegistryScanningConfiguration");
        }
        if (spec.tags().isPresent() || spec.purgeTags()) {
            actions.add("ecr:ListTagsForResource");
            actions.add("ecr:TagResource");
            if (spec.purgeTags()) {
                actions.add("ecr:UntagResource");
            }
        }
        if (jibImage) {
            // the immutable-tag guard looks for the tag before the push
            actions.add("ecr:DescribeImages");
            pushRepositories.add(arn);
            registryActions.add("ecr:GetAuthorizationToken");
        }
        return this;
    }

    /**
     * Adds what {@code verify-image} needs of the repository Jib pushed to: the repository, the image, its scan
     * findings (enhanced scanning's through Amazon Inspector) and signing status; how ECR scans the repository, and
     * a scan on request of an image ECR would not scan by itself.
     */
    public IamPolicy forImageVerification(String arn) {
        Set<String> actions = repositoryActions.computeIfAbsent(arn, key -> new LinkedHashSet<>());
        actions.add("ecr:DescribeRepositories");
        actions.add("ecr:DescribeImages");
        actions.add("ecr:DescribeImageScanFindings");
        actions.add("ecr:DescribeImageSigningStatus");
        actions.add("ecr:BatchGetRepositoryScanningConfiguration");
        actions.add("ecr:StartImageScan");
        registrySettings.add("ecr:GetRegistryScanningConfiguration");
        registrySettings.add("ecr:GetSigningConfiguration");
        enhancedFindings = true;
        return this;
    }

    /**
     * A KMS key a repository is created with: the key's ARN when the POM names it so; otherwise (an alias, a key ID,
     * the AWS-managed key, a template's key) any key, used through ECR in the repository's region only.
     */
    private void kmsKey(Optional<String> key, String repositoryArn) {
        if (key.filter(k -> k.startsWith("arn:") && k.contains(":key/")).isPresent()) {
            kmsKeys.add(key.get());
            return;
        }
        String[] parts = repositoryArn.split(":", 5);
        String region = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "*";
        kmsViaRegion = kmsViaRegion == null || kmsViaRegion.equals(region) ? region : "*";
    }

    /**
     * Adds what ECR's managed signing needs of the identity that pushes ({@code requireSignature}): AWS documents
     * {@code signer:SignPayload} on the signing profile, beside the push actions.
     *
     * @param signingProfiles the signing profiles' ARN, with {@code *} for what is not known without asking AWS
     */
    public IamPolicy forSigning(String signingProfiles) {
        this.signingProfiles = signingProfiles;
        registrySettings.add("ecr:GetSigningConfiguration");
        return this;
    }

    /** {@code arn:<partition>:signer:<region>:<account>:/signing-profiles/*}, {@code *} where not known. */
    public static String signingProfilesArn(String region, String accountId) {
        return "arn:" + partition(region) + ":signer:" + (region == null ? "*" : region) + ":"
                + (accountId == null ? "*" : accountId) + ":/signing-profiles/*";
    }

    /** Adds {@code ecr:GetAuthorizationToken} (on {@code *}: it has no resource-level permissions). */
    public IamPolicy withAuthorizationToken() {
        registryActions.add("ecr:GetAuthorizationToken");
        return this;
    }

    /**
     * {@code arn:<partition>:ecr:<region>:<account>:repository/<name>}.
     *
     * @param region    the region, or {@code null} for {@code *}
     * @param accountId the registry's account, or {@code null} for {@code *}
     */
    public static String repositoryArn(String region, String accountId, String name) {
        return "arn:" + partition(region) + ":ecr:" + (region == null ? "*" : region) + ":"
                + (accountId == null ? "*" : accountId) + ":repository/" + name;
    }

    private static String partition(String region) {
        return region == null
                ? "aws"
                : region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** The policy as an IAM identity-policy document. */
    public Map<String, Object> document() {
        List<Object> statements = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Set<String>> entry : repositoryActions.entrySet()) {
            statements.add(statement(
                    repositoryActions.size() == 1 ? "EnsureRepository" : "EnsureRepository" + ++n,
                    List.copyOf(sorted(entry.getValue())),
                    entry.getKey()));
        }
        if (!pushRepositories.isEmpty()) {
            statements.add(statement(
                    "JibPush",
                    PUSH_ACTIONS,
                    pushRepositories.size() == 1 ? pushRepositories.iterator().next() : List.copyOf(pushRepositories)));
        }
        if (!registryActions.isEmpty()) {
            statements.add(statement("AuthorizationToken", List.copyOf(sorted(registryActions)), "*"));
        }
        if (!registrySettings.isEmpty()) {
            // Registry-level reads have no resource-level permissions.
            statements.add(statement("RegistrySettings", List.copyOf(sorted(registrySettings)), "*"));
        }
        if (!kmsKeys.isEmpty()) {
            statements.add(statement(
                    "KmsKeyAtCreation",
                    KMS_ACTIONS,
                    kmsKeys.size() == 1 ? kmsKeys.iterator().next() : List.copyOf(kmsKeys)));
        }
        if (kmsViaRegion != null) {
            Map<String, Object> viaEcr = new LinkedHashMap<>();
            boolean anyRegion = kmsViaRegion.equals("*");
            viaEcr.put(
                    anyRegion ? "StringLike" : "StringEquals",
                    Map.of(
                            "kms:ViaService",
                            "ecr." + kmsViaRegion + ".amazonaws.com" + (kmsViaRegion.startsWith("cn-") ? ".cn" : "")));
            Map<String, Object> kms = statement("KmsKeyThroughEcr", KMS_ACTIONS, "*");
            kms.put("Condition", viaEcr);
            statements.add(kms);
        }
        if (enhancedFindings) {
            // Under the registry's enhanced scanning, ECR reads an image's findings from Amazon Inspector.
            statements.add(statement("EnhancedScanFindings", INSPECTOR_ACTIONS, "*"));
        }
        if (signingProfiles != null) {
            statements.add(statement("SignOnPush", List.of("signer:SignPayload"), signingProfiles));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", statements);
        return document;
    }

    public String toPrettyJson() {
        return Json.pretty(document());
    }

    private static Set<String> sorted(Set<String> actions) {
        return new java.util.TreeSet<>(actions);
    }

    private static Map<String, Object> statement(String sid, List<String> actions, Object resource) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        statement.put("Action", actions.size() == 1 ? actions.get(0) : actions);
        statement.put("Resource", resource);
        return statement;
    }
}
