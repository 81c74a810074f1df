package io.github.ecrmavenplugin.emulator;

import io.github.ecrmavenplugin.emulator.RepositoryState.ExclusionFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A repository to put into the emulator directly, bypassing the API, its validation and the call log: to arrange
 * the "before" state of a test. Policy texts are stored exactly as given, so a test can arrange any stored text,
 * including one ECR itself would never hold; {@link EcrEmulator#ecrFormattedPolicy(String)} gives ECR's layout.
 */
public final class RepositorySeed extends RepositoryConfiguration {

    final String name;
    final Set<String> imageTags = new LinkedHashSet<>();
    final List<ImageSeed> images = new ArrayList<>();

    /**
     * An image with its dates: pushed at {@code pushedAt}, last pulled at {@code lastPulledAt} and archived at
     * {@code archivedAt} ({@code null}: never); what lifecycle rules and their preview look at.
     */
    public record ImageSeed(
            List<String> tags,
            java.time.Instant pushedAt,
            java.time.Instant lastPulledAt,
            java.time.Instant archivedAt) {
        public ImageSeed {
            tags = List.copyOf(tags);
            java.util.Objects.requireNonNull(pushedAt, "pushedAt");
        }

        public static ImageSeed pushed(java.time.Instant pushedAt, String... tags) {
            return new ImageSeed(List.of(tags), pushedAt, null, null);
        }
    }

    public RepositorySeed(String name) {
        this.name = Validation.repositoryName(name);
    }

    public RepositorySeed imageTagMutability(String mutability, ExclusionFilter... filters) {
        this.imageTagMutability = Validation.mutability(mutability);
        this.exclusionFilters = List.of(filters);
        return this;
    }

    public RepositorySeed scanOnPush(boolean scanOnPush) {
        this.scanOnPush = scanOnPush;
        return this;
    }

    public RepositorySeed encryption(String encryptionType, String kmsKey) {
        this.encryptionType = Validation.encryptionType(encryptionType);
        this.kmsKey = kmsKey;
        return this;
    }

    public RepositorySeed policyText(String policyText) {
        this.policyText = policyText;
        return this;
    }

    public RepositorySeed lifecyclePolicyText(String lifecyclePolicyText) {
        this.lifecyclePolicyText = lifecyclePolicyText;
        return this;
    }

    public RepositorySeed tag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    public RepositorySeed tags(Map<String, String> tags) {
        this.tags.putAll(tags);
        return this;
    }

    /** How long lifecycle previews of this repository stay in progress (default: the emulator's setting). */
    public RepositorySeed lifecyclePreviewDuration(java.time.Duration duration) {
        this.previewDuration = duration;
        return this;
    }

    /** An image with its tags and dates. */
    public RepositorySeed image(ImageSeed image) {
        images.add(image);
        return this;
    }

    /** Each tag becomes an image of its own, as if pushed. */
    public RepositorySeed imageTags(String... tags) {
        imageTags.addAll(List.of(tags));
        return this;
    }
}
