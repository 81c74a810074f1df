package io.github.ecrmavenplugin.emulator;

import io.github.ecrmavenplugin.emulator.EmulatedRegistry.Image;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * What a lifecycle policy would do to a repository's images, as ECR documents its evaluation (and as the plugin's
 * lifecycle page describes it): rules run from the lowest {@code rulePriority} up; a rule looks at the images of
 * its storage class whose tags match its selection; an image matched by the selection of an earlier rule is never
 * acted on by a later one; each image gets at most one action.
 * <ul>
 * <li>{@code imageCountMoreThan N}: of the matching images, newest push first, all but the first N;</li>
 * <li>{@code sinceImagePushed N}: pushed more than N days ago;</li>
 * <li>{@code sinceImagePulled N}: last pulled (or, never pulled, pushed) more than N days ago;</li>
 * <li>{@code sinceImageTransitioned N}: archived more than N days ago.</li>
 * </ul>
 * A tag list matches when every prefix or pattern in it matches one of the image's tags; {@code *} in a pattern
 * matches any characters.
 */
final class LifecyclePreviews {

    /** One image the policy would act on. */
    record Result(Image image, long rulePriority, String actionType, String targetStorageClass) {}

    /**
     * A preview started by {@code StartLifecyclePolicyPreview}: evaluated at once, answered as in progress until
     * {@code readyAt}, as ECR's asynchronous preview is.
     */
    record Preview(String policyText, List<Result> results, Instant readyAt) {
        String status(Instant now) {
            return now.isBefore(readyAt) ? "IN_PROGRESS" : "COMPLETE";
        }
    }

    private LifecyclePreviews() {}

    static Preview start(String policyText, List<Image> images, Instant now, Duration duration) {
        return new Preview(policyText, evaluate(JsonNode.parser().parse(policyText), images, now), now.plus(duration));
    }

    static List<Result> evaluate(JsonNode policy, List<Image> images, Instant now) {
        List<JsonNode> rules = new ArrayList<>(policy.field("rules").get().asArray());
        rules.sort(Comparator.comparingLong(rule -> priority(rule)));
        Set<Image> matchedEarlier = new HashSet<>();
        Set<Image> acted = new HashSet<>();
        List<Result> results = new ArrayList<>();
        for (JsonNode rule : rules) {
            JsonNode selection = rule.field("selection").get();
            boolean archive = PolicyDocuments.storageClass(selection).equals("archive");
            List<Image> matching = images.stream()
                    .filter(image -> image.archived() == archive && matches(selection, image))
                    .sorted(Comparator.comparing((Image image) -> image.pushedAt)
                            .reversed())
                    .toList();
            String countType = selection.field("countType").get().asString();
            long count = Long.parseLong(selection.field("countNumber").get().asNumber());
            List<Image> selected = switch (countType) {
                case "imageCountMoreThan" -> matching.subList((int) Math.min(count, matching.size()), matching.size());
                case "sinceImagePushed" -> olderThan(matching, image -> image.pushedAt, count, now);
                case "sinceImagePulled" ->
                    olderThan(
                            matching,
                            image -> image.lastPulledAt != null ? image.lastPulledAt : image.pushedAt,
                            count,
                            now);
                case "sinceImageTransitioned" -> olderThan(matching, image -> image.archivedAt, count, now);
                default -> List.of();
            };
            JsonNode action = rule.field("action").get();
            String type = action.field("type").get().asString();
            String target = action.field("targetStorageClass")
                    .filter(JsonNode::isString)
                    .map(JsonNode::asString)
                    .orElse(null);
            for (Image image : selected) {
                if (!matchedEarlier.contains(image) && acted.add(image)) {
                    results.add(new Result(image, priority(rule), type, target));
                }
            }
            matchedEarlier.addAll(matching);
        }
        return results;
    }

    private static List<Image> olderThan(
            List<Image> images, java.util.function.Function<Image, Instant> time, long days, Instant now) {
        Instant limit = now.minus(Duration.ofDays(days));
        return images.stream()
                .filter(image -> time.apply(image) != null && time.apply(image).isBefore(limit))
                .toList();
    }

    private static boolean matches(JsonNode selection, Image image) {
        String status = selection.field("tagStatus").get().asString();
        return switch (status) {
            case "untagged" -> image.tags.isEmpty();
            case "any" -> true;
            default ->
                !image.tags.isEmpty()
                        && allMatch(selection, "tagPrefixList", image, false)
                        && allMatch(selection, "tagPatternList", image, true);
        };
    }

    private static boolean allMatch(JsonNode selection, String field, Image image, boolean wildcard) {
        List<JsonNode> values = selection.field(field).map(JsonNode::asArray).orElse(List.of());
        for (JsonNode value : values) {
            String text = value.asString();
            Pattern pattern = Pattern.compile(
                    wildcard
                            ? String.join(
                                    ".*",
                                    java.util.Arrays.stream(text.split("\\*", -1))
                                            .map(Pattern::quote)
                                            .toList())
                            : Pattern.quote(text) + ".*");
            if (image.tags.stream().noneMatch(tag -> pattern.matcher(tag).matches())) {
                return false;
            }
        }
        return true;
    }

    private static long priority(JsonNode rule) {
        return Long.parseLong(rule.field("rulePriority").get().asNumber());
    }
}
