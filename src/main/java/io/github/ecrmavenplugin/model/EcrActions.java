package io.github.ecrmavenplugin.model;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The IAM actions of Amazon ECR, so a typo in a policy ({@code ecr:BatchGetImages}) fails the build with a
 * suggestion instead of silently granting nothing.
 */
final class EcrActions {

    private static final Set<String> ACTIONS = Set.of(
            "BatchCheckLayerAvailability", "BatchDeleteImage", "BatchGetImage", "BatchGetRepositoryScanningConfiguration",
            "BatchImportUpstreamImage", "CompleteLayerUpload", "CreatePullThroughCacheRule", "CreateRepository",
            "CreateRepositoryCreationTemplate", "DeleteLifecyclePolicy", "DeletePullThroughCacheRule",
            "DeleteRegistryPolicy", "DeleteRepository", "DeleteRepositoryCreationTemplate", "DeleteRepositoryPolicy",
            "DescribeImageReplicationStatus", "DescribeImageScanFindings", "DescribeImages",
            "DescribePullThroughCacheRules", "DescribeRegistry", "DescribeRepositories",
            "DescribeRepositoryCreationTemplates", "GetAccountSetting", "GetAuthorizationToken",
            "GetDownloadUrlForLayer", "GetLifecyclePolicy", "GetLifecyclePolicyPreview", "GetRegistryPolicy",
            "GetRegistryScanningConfiguration", "GetRepositoryPolicy", "InitiateLayerUpload", "ListImages",
            "ListTagsForResource", "PutAccountSetting", "PutImage", "PutImageScanningConfiguration",
            "PutImageTagMutability", "PutLifecyclePolicy", "PutRegistryPolicy", "PutRegistryScanningConfiguration",
            "PutReplicationConfiguration", "ReplicateImage", "SetRepositoryPolicy", "StartImageScan",
            "StartLifecyclePolicyPreview", "TagResource", "UntagResource", "UpdatePullThroughCacheRule",
            "UpdateRepositoryCreationTemplate", "UploadLayerPart", "ValidatePullThroughCacheRule");

    private EcrActions() {}

    /** {@code *}, or {@code ecr:} followed by an action name or a wildcard pattern matching at least one action. */
    static boolean isKnown(String action) {
        if (action.equals("*")) {
            return true;
        }
        String name = action.substring("ecr:".length());
        if (name.contains("*") || name.contains("?")) {
            Pattern pattern = Pattern.compile(name.replace("?", ".").replace("*", ".*"), Pattern.CASE_INSENSITIVE);
            return ACTIONS.stream().anyMatch(a -> pattern.matcher(a).matches());
        }
        // IAM action names are case-insensitive
        return ACTIONS.stream().anyMatch(a -> a.equalsIgnoreCase(name));
    }

    static String suggestion(String action) {
        String name = action.substring("ecr:".length()).toLowerCase(Locale.ROOT);
        String closest = ACTIONS.stream()
                .min(Comparator.comparingInt(a -> distance(a.toLowerCase(Locale.ROOT), name)))
                .orElseThrow();
        return "did you mean \"ecr:" + closest + "\"?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
