package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.registry.LifecyclePolicyPreview;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a lifecycle policy about to be written would do to a repository's images now, rule by rule, as ECR's own
 * dry run ({@code StartLifecyclePolicyPreview}) tells it; or why there is no such answer (the preview did not finish
 * in time, or could not be asked for).
 *
 * @param repositoryName the repository
 * @param skipped        why there is no preview; empty when there is one
 * @param rules          each rule of the policy with the images it would act on, by priority
 */
public record LifecyclePreview(String repositoryName, Optional<String> skipped, List<RuleOutcome> rules) {

    public LifecyclePreview {
        rules = List.copyOf(rules);
    }

    /**
     * One rule and the images it would act on, oldest push first.
     *
     * @param action {@code expire}, {@code transition to archive}, ...
     */
    public record RuleOutcome(int priority, String description, String action, List<Image> images) {
        public RuleOutcome {
            images = List.copyOf(images);
        }

        public boolean expires() {
            return action.equals("expire");
        }
    }

    /** An image a rule would act on. */
    public record Image(String digest, List<String> tags, Instant pushedAt) {
        public Image {
            tags = List.copyOf(tags);
        }
    }

    static LifecyclePreview skipped(String repositoryName, String reason) {
        return new LifecyclePreview(repositoryName, Optional.of(reason), List.of());
    }

    /** Groups ECR's results by the rule that applies, in the policy's words. */
    static LifecyclePreview of(String repositoryName, LifecyclePolicy policy, LifecyclePolicyPreview preview) {
        Map<Integer, List<Image>> byRule = new LinkedHashMap<>();
        for (LifecyclePolicyPreview.Result result : preview.results()) {
            byRule.computeIfAbsent(result.rulePriority(), p -> new ArrayList<>())
                    .add(new Image(result.imageDigest(), result.imageTags(), result.imagePushedAt()));
        }
        List<RuleOutcome> rules = new ArrayList<>();
        for (LifecyclePolicy.Rule rule : policy.rules()) {
            List<Image> images = new ArrayList<>(byRule.getOrDefault(rule.priority(), List.of()));
            images.sort(Comparator.comparing(Image::pushedAt, Comparator.nullsLast(Comparator.naturalOrder())));
            rules.add(new RuleOutcome(rule.priority(), rule.description(), rule.action(), images));
        }
        return new LifecyclePreview(repositoryName, Optional.empty(), rules);
    }

    /** The expire rule that would delete an image carrying {@code tag}, if any: pushing that tag is short-lived. */
    public Optional<RuleOutcome> expiringTag(String tag) {
        return rules.stream()
                .filter(RuleOutcome::expires)
                .filter(rule ->
                        rule.images().stream().anyMatch(image -> image.tags().contains(tag)))
                .findFirst();
    }
}
