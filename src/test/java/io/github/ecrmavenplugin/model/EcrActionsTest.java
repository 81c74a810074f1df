package io.github.ecrmavenplugin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The known actions come from the bundled SDK, so a newer SDK brings newer actions. */
class EcrActionsTest {

    @Test
    void everyOperationOfTheBundledSdkIsAKnownAction() {
        // 2.57.8 has 62 ECR operations; the old hand-written list had 51
        assertTrue(ServiceModel.OPERATIONS.size() >= 58, ServiceModel.OPERATIONS.toString());
        for (String operation : new String[] {
            "UpdateImageStorageClass",
            "ListImageReferrers",
            "PutSigningConfiguration",
            "RegisterPullTimeUpdateExclusion",
            "StartLifecyclePolicyPreview",
            "GetLifecyclePolicyPreview",
            "BatchGetImage"
        }) {
            assertEquals(EcrActions.Verdict.KNOWN, EcrActions.check("ecr:" + operation), operation);
        }
        assertEquals(EcrActions.Verdict.KNOWN, EcrActions.check("ecr:ReplicateImage"), "permission-only action");
    }

    @Test
    void aNearMissFailsAndAnythingElseUnknownIsLeftToEcr() {
        assertEquals(EcrActions.Verdict.NEAR_MISS, EcrActions.check("ecr:BatchGetImages"));
        assertEquals("did you mean \"ecr:BatchGetImage\"?", EcrActions.suggestion("ecr:BatchGetImages"));
        assertEquals(EcrActions.Verdict.UNKNOWN, EcrActions.check("ecr:DescribeImageLineage"));
        assertEquals(EcrActions.Verdict.UNKNOWN, EcrActions.check("ecr:Nothing*"));
    }

    @Test
    void lifecycleValuesComeFromTheSdksEnumerations() {
        assertEquals(java.util.Set.of("expire", "transition"), ServiceModel.ACTION_TYPES);
        assertEquals(java.util.Set.of("standard", "archive"), ServiceModel.STORAGE_CLASSES);
        assertEquals(java.util.Set.of("archive"), ServiceModel.TARGET_STORAGE_CLASSES);
        assertEquals(java.util.Set.of("tagged", "untagged", "any"), ServiceModel.TAG_STATUSES);
    }

    @Test
    void theWildcardOfEveryActionIsKnown() {
        assertEquals(EcrActions.Verdict.KNOWN, EcrActions.check("*"));
    }

    @Test
    void aNearMissIsAtMostTwoEditsAway() {
        // a letter dropped and one added: two edits from ecr:BatchGetImage
        assertEquals(EcrActions.Verdict.NEAR_MISS, EcrActions.check("ecr:BatchGtImages"));
        assertEquals(EcrActions.Verdict.UNKNOWN, EcrActions.check("ecr:BatchGtImagesX"));
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(3, EcrActions.distance("kitten", "sitting"));
        assertEquals(5, EcrActions.distance("any", "anything"));
        assertEquals(0, EcrActions.distance("tagged", "tagged"));
    }
}
