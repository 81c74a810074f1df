package io.github.ecrmavenplugin.emulator;

import io.github.ecrmavenplugin.emulator.RepositoryState.ExclusionFilter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a repository is set to, besides its name and images: what a {@link RepositorySeed} arranges and what the
 * emulator's {@link EmulatedRegistry.Repository} holds, so that seeding copies one into the other in one call.
 */
class RepositoryConfiguration {

    String imageTagMutability = "MUTABLE";
    List<ExclusionFilter> exclusionFilters = List.of();
    boolean scanOnPush;
    String encryptionType = "AES256";
    String kmsKey;
    String policyText;
    String lifecyclePolicyText;
    final Map<String, String> tags = new LinkedHashMap<>();
    /** How long this repository's lifecycle previews stay in progress; {@code null}: the emulator's setting. */
    Duration previewDuration;

    /** Takes every setting of {@code other}; tags are added to those already here. */
    void configureAs(RepositoryConfiguration other) {
        imageTagMutability = other.imageTagMutability;
        exclusionFilters = List.copyOf(other.exclusionFilters);
        scanOnPush = other.scanOnPush;
        encryptionType = other.encryptionType;
        kmsKey = other.kmsKey;
        policyText = other.policyText;
        lifecyclePolicyText = other.lifecyclePolicyText;
        tags.putAll(other.tags);
        previewDuration = other.previewDuration;
    }
}
