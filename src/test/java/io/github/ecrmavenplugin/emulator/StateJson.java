package io.github.ecrmavenplugin.emulator;

import io.github.ecrmavenplugin.emulator.RepositoryState.ExclusionFilter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The control API's JSON: calls and repository states out, repository seeds and faults in. A repository state
 * written here can be posted back as a seed.
 */
final class StateJson {

    private StateJson() {}

    static byte[] calls(List<EmulatorCall> calls) {
        JsonWriter out = JsonWriter.create();
        out.writeStartArray();
        for (EmulatorCall call : calls) {
            out.writeStartObject();
            field(out, "operation", call.operation());
            field(out, "repositoryName", call.repositoryName());
            field(out, "accessKeyId", call.accessKeyId());
            field(out, "region", call.region());
            out.writeFieldName("httpStatus").writeValue(call.httpStatus());
            field(out, "errorType", call.errorType());
            out.writeFieldName("startNanos").writeValue(call.startNanos());
            out.writeFieldName("endNanos").writeValue(call.endNanos());
            out.writeFieldName("durationMillis").writeValue((call.endNanos() - call.startNanos()) / 1_000_000);
            field(out, "requestId", call.requestId());
            field(out, "userAgent", call.userAgent());
            out.writeEndObject();
        }
        out.writeEndArray();
        return out.getBytes();
    }

    static byte[] repositories(List<RepositoryState> repositories) {
        JsonWriter out = JsonWriter.create();
        out.writeStartArray();
        repositories.forEach(repository -> repository(out, repository));
        out.writeEndArray();
        return out.getBytes();
    }

    static byte[] repository(RepositoryState repository) {
        JsonWriter out = JsonWriter.create();
        repository(out, repository);
        return out.getBytes();
    }

    private static void repository(JsonWriter out, RepositoryState repository) {
        out.writeStartObject();
        field(out, "name", repository.name());
        field(out, "arn", repository.arn());
        field(out, "uri", repository.uri());
        EcrOperations.writeTimestamp(out, "createdAt", repository.createdAt());
        field(out, "imageTagMutability", repository.imageTagMutability());
        out.writeFieldName("imageTagMutabilityExclusionFilters").writeStartArray();
        for (ExclusionFilter filter : repository.exclusionFilters()) {
            out.writeStartObject();
            field(out, "filterType", filter.filterType());
            field(out, "filter", filter.filter());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeFieldName("scanOnPush").writeValue(repository.scanOnPush());
        field(out, "encryptionType", repository.encryptionType());
        field(out, "kmsKey", repository.kmsKey());
        field(out, "policyText", repository.policyText());
        field(out, "lifecyclePolicyText", repository.lifecyclePolicyText());
        out.writeFieldName("tags").writeStartObject();
        repository.tags().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(tag -> field(out, tag.getKey(), tag.getValue()));
        out.writeEndObject();
        out.writeFieldName("imageTags").writeStartArray();
        repository.imageTags().stream().sorted().forEach(out::writeValue);
        out.writeEndArray();
        out.writeEndObject();
    }

    private static java.util.Optional<java.time.Instant> instant(RequestBody body, String field) {
        return body.string(field).map(java.time.Instant::parse);
    }

    /** Reads a seed: {@code name} is required, every other field of {@link #repository} is optional. */
    static RepositorySeed seed(RequestBody body) {
        RepositorySeed seed = new RepositorySeed(body.requiredString("name"));
        body.string("imageTagMutability")
                .ifPresent(mutability -> seed.imageTagMutability(
                        mutability,
                        body.objects("imageTagMutabilityExclusionFilters").orElse(List.of()).stream()
                                .map(f -> new ExclusionFilter(
                                        f.string("filterType").orElse("WILDCARD"), f.requiredString("filter")))
                                .toArray(ExclusionFilter[]::new)));
        body.bool("scanOnPush").ifPresent(seed::scanOnPush);
        body.string("encryptionType")
                .ifPresent(type -> seed.encryption(type, body.string("kmsKey").orElse(null)));
        body.string("policyText").ifPresent(seed::policyText);
        body.string("lifecyclePolicyText").ifPresent(seed::lifecyclePolicyText);
        body.field("tags").ifPresent(tags -> {
            if (!tags.isObject()) {
                throw EcrError.invalidParameter("tags must be an object of key to value");
            }
            tags.asObject().forEach((key, value) -> {
                if (!value.isString()) {
                    throw EcrError.invalidParameter("tag '" + key + "' must have a string value");
                }
                seed.tag(key, value.asString());
            });
        });
        body.strings("imageTags").ifPresent(tags -> seed.imageTags(tags.toArray(String[]::new)));
        body.integer("lifecyclePreviewMillis")
                .ifPresent(millis -> seed.lifecyclePreviewDuration(Duration.ofMillis(millis)));
        // images with dates: {"tags": [...], "pushedAt": "2025-01-31T00:00:00Z", "lastPulledAt": ..., "archivedAt":
        // ...}
        body.objects("images")
                .ifPresent(images -> images.forEach(image -> seed.image(new RepositorySeed.ImageSeed(
                        image.strings("tags").orElse(List.of()),
                        instant(image, "pushedAt").orElseGet(java.time.Instant::now),
                        instant(image, "lastPulledAt").orElse(null),
                        instant(image, "archivedAt").orElse(null)))));
        return seed;
    }

    /** A {@link ScanPlan}; absent fields take {@link ScanPlan#DEFAULT}'s values. */
    static ScanPlan scanPlan(RequestBody body) {
        ScanPlan d = ScanPlan.DEFAULT;
        return new ScanPlan(
                body.integer("pendingMillis").map(java.time.Duration::ofMillis).orElse(d.pending()),
                body.integer("inProgressMillis")
                        .map(java.time.Duration::ofMillis)
                        .orElse(d.inProgress()),
                body.string("outcome").orElse(d.outcome()),
                body.string("scanType").orElse(d.scanType()),
                body.string("fixture").orElse(d.fixture()),
                body.string("description").orElse(null));
    }

    /**
     * Applies {@code {"throttle":{"Op":n}, "serverError":{...}, "dropConnection":{...}, "latencyMillis":n,
     * "accessDenied":["Op"], "concurrentCreator":["name"], "latencySpike":{"Op":n}, "latencySpikeMillis":n,
     * "rendezvous":{"repository":parties}, "rendezvousTimeoutMillis":n}}; absent keys leave those faults as they are.
     */
    static void applyFaults(RequestBody body, Faults faults) {
        counts(body, "throttle").forEach((op, n) -> faults.throttle(op, n));
        counts(body, "serverError").forEach((op, n) -> faults.serverError(op, n));
        counts(body, "dropConnection").forEach((op, n) -> faults.dropConnection(op, n));
        body.integer("latencyMillis").ifPresent(ms -> faults.latency(Duration.ofMillis(ms)));
        body.strings("accessDenied").ifPresent(ops -> ops.forEach(faults::accessDenied));
        body.strings("concurrentCreator").ifPresent(names -> names.forEach(faults::concurrentCreator));
        long spikeMillis =
                body.integer("latencySpikeMillis").map(Number::longValue).orElse(2000L);
        counts(body, "latencySpike")
                .forEach((op, n) -> faults.latencySpike(op, n, java.time.Duration.ofMillis(spikeMillis)));
        long rendezvousMillis =
                body.integer("rendezvousTimeoutMillis").map(Number::longValue).orElse(20_000L);
        counts(body, "rendezvous")
                .forEach((name, parties) ->
                        faults.rendezvous(name, parties, java.time.Duration.ofMillis(rendezvousMillis)));
    }

    private static Map<String, Integer> counts(RequestBody body, String name) {
        return body.field(name)
                .map(node -> {
                    if (!node.isObject()) {
                        throw EcrError.invalidParameter(name + " must be an object of operation to count");
                    }
                    Map<String, Integer> counts = new LinkedHashMap<>();
                    node.asObject().forEach((op, n) -> {
                        if (!n.isNumber()) {
                            throw EcrError.invalidParameter(name + "." + op + " must be a count");
                        }
                        counts.put(op, Integer.parseInt(n.asNumber()));
                    });
                    return counts;
                })
                .orElse(Map.of());
    }

    private static void field(JsonWriter out, String name, String value) {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeValue(value);
        }
    }
}
