package io.github.ecrmavenplugin.emulator;

import io.github.ecrmavenplugin.emulator.EmulatedRegistry.Image;
import io.github.ecrmavenplugin.emulator.EmulatedRegistry.Repository;
import io.github.ecrmavenplugin.emulator.RegistryRules.ScanningRule;
import io.github.ecrmavenplugin.emulator.RegistryRules.SigningRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * ECR's operations on the registry's scanning and signing configurations, with the shapes and constraints of ECR's
 * service model: {@code PutRegistryScanningConfiguration}, {@code GetRegistryScanningConfiguration},
 * {@code BatchGetRepositoryScanningConfiguration}, {@code StartImageScan}, {@code PutSigningConfiguration},
 * {@code GetSigningConfiguration}, {@code DeleteSigningConfiguration} and {@code DescribeImageSigningStatus}.
 *
 * <p>The registry-level ones take no registry ID: ECR answers them for the caller's own registry.
 */
final class RegistryRuleOperations {

    /** {@code ScanningRepositoryFilter.filter}'s pattern in ECR's model. */
    private static final Pattern SCANNING_FILTER = Pattern.compile("[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*");
    /** {@code SigningRepositoryFilter.filter}'s pattern in ECR's model. */
    private static final Pattern SIGNING_FILTER =
            Pattern.compile("(?:[a-z0-9*]+(?:[._-][a-z0-9*]+)*/)*[a-z0-9*]+(?:[._-][a-z0-9*]+)*");
    /** {@code SigningRule.signingProfileArn}'s pattern in ECR's model. */
    private static final Pattern SIGNING_PROFILE =
            Pattern.compile("arn:aws(-[a-z]+)*:signer:[a-z0-9-]+:[0-9]{12}:/signing-profiles/[a-zA-Z0-9_]{2,}");
    /** Scans ECR starts of one image: "once per 24 hours", on push included. */
    private static final Duration ONE_SCAN_A_DAY = Duration.ofHours(24);
    /** The most signing rules a registry holds. */
    static final int MAX_SIGNING_RULES = 10;

    private final EmulatedRegistry registry;
    private final RegistryRules rules;

    RegistryRuleOperations(EmulatedRegistry registry) {
        this.registry = registry;
        this.rules = registry.rules;
    }

    void registerIn(Map<String, EcrOperations.Operation> operations) {
        operations.put("PutRegistryScanningConfiguration", this::putRegistryScanningConfiguration);
        operations.put("GetRegistryScanningConfiguration", this::getRegistryScanningConfiguration);
        operations.put("BatchGetRepositoryScanningConfiguration", this::batchGetRepositoryScanningConfiguration);
        operations.put("StartImageScan", this::startImageScan);
        operations.put("PutSigningConfiguration", this::putSigningConfiguration);
        operations.put("GetSigningConfiguration", this::getSigningConfiguration);
        operations.put("DeleteSigningConfiguration", this::deleteSigningConfiguration);
        operations.put("DescribeImageSigningStatus", this::describeImageSigningStatus);
    }

    // ---- scanning ----------------------------------------------------------------------------------------------

    private void putRegistryScanningConfiguration(CallContext call, RequestBody request, JsonWriter out) {
        String scanType = request.string("scanType").orElse("BASIC");
        if (!Set.of("BASIC", "ENHANCED").contains(scanType)) {
            throw EcrError.invalidParameter("scanType", "Member must satisfy enum value set: [BASIC, ENHANCED]");
        }
        List<RequestBody> given = request.objects("rules").orElse(List.of());
        if (given.size() > 2) {
            throw EcrError.invalidParameter("rules", "Member must have length less than or equal to 2");
        }
        List<ScanningRule> parsed = new ArrayList<>();
        for (RequestBody rule : given) {
            String frequency = rule.requiredString("scanFrequency");
            // ECR's model: ENHANCED scans continuously or on push, BASIC on push (MANUAL being its default).
            Set<String> supported = scanType.equals("ENHANCED")
                    ? Set.of("SCAN_ON_PUSH", "CONTINUOUS_SCAN")
                    : Set.of("SCAN_ON_PUSH", "MANUAL");
            if (!supported.contains(frequency)) {
                throw EcrError.invalidParameter(
                        "rules.scanFrequency",
                        "scan frequency " + frequency + " is not supported with scan type " + scanType);
            }
            List<RequestBody> filters = rule.objects("repositoryFilters")
                    .orElseThrow(() -> EcrError.invalidParameter("rules.repositoryFilters", "Member must not be null"));
            if (filters.size() > 100) {
                throw EcrError.invalidParameter(
                        "rules.repositoryFilters", "Member must have length less than or equal to 100");
            }
            parsed.add(new ScanningRule(frequency, filters(filters, "WILDCARD", SCANNING_FILTER)));
        }
        rules.scanning(scanType, parsed);
        out.writeFieldName("registryScanningConfiguration");
        writeScanningConfiguration(out);
    }

    private void getRegistryScanningConfiguration(CallContext call, RequestBody request, JsonWriter out) {
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("scanningConfiguration");
        writeScanningConfiguration(out);
    }

    private void writeScanningConfiguration(JsonWriter out) {
        out.writeStartObject().writeFieldName("scanType").writeValue(rules.scanType());
        out.writeFieldName("rules").writeStartArray();
        for (ScanningRule rule : rules.scanningRules()) {
            out.writeStartObject().writeFieldName("scanFrequency").writeValue(rule.frequency());
            writeFilters(out, "repositoryFilters", rule.filters(), "WILDCARD");
            out.writeEndObject();
        }
        out.writeEndArray().writeEndObject();
    }

    /** A repository and how ECR scans it, read under the registry's lock. */
    private record Scanned(String arn, RegistryRules.Effective effective) {}

    private void batchGetRepositoryScanningConfiguration(CallContext call, RequestBody request, JsonWriter out) {
        List<String> names = request.strings("repositoryNames")
                .orElseThrow(() -> EcrError.invalidParameter("repositoryNames", "Member must not be null"));
        if (names.isEmpty() || names.size() > 25) {
            throw EcrError.invalidParameter(
                    "repositoryNames",
                    "Member must have length greater than or equal to 1 and less than or equal to 25");
        }
        names.forEach(Validation::repositoryName);
        List<String> missing = new ArrayList<>();
        out.writeFieldName("scanningConfigurations").writeStartArray();
        for (String name : names) {
            Optional<Scanned> scanned = registry.withAll(all -> all.stream()
                    .filter(r -> r.name.equals(name))
                    .findFirst()
                    .map(r -> new Scanned(r.arn, rules.effective(name, r.scanOnPush))));
            if (scanned.isEmpty()) {
                missing.add(name);
                continue;
            }
            RegistryRules.Effective effective = scanned.get().effective();
            out.writeStartObject()
                    .writeFieldName("repositoryArn")
                    .writeValue(scanned.get().arn())
                    .writeFieldName("repositoryName")
                    .writeValue(name)
                    .writeFieldName("scanOnPush")
                    .writeValue(effective.scansOnPush())
                    .writeFieldName("scanFrequency")
                    .writeValue(effective.frequency());
            writeFilters(out, "appliedScanFilters", effective.appliedFilters(), "WILDCARD");
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeFieldName("failures").writeStartArray();
        for (String name : missing) {
            out.writeStartObject()
                    .writeFieldName("repositoryName")
                    .writeValue(name)
                    .writeFieldName("failureCode")
                    .writeValue("REPOSITORY_NOT_FOUND")
                    .writeFieldName("failureReason")
                    .writeValue("REPOSITORY_NOT_FOUND")
                    .writeEndObject();
        }
        out.writeEndArray();
    }

    /**
     * A basic scan on request: refused under enhanced scanning (StartImageScan "starts a basic image vulnerability
     * scan"), within a day of the image's last scan (on push included), and once the day's basic scans are spent.
     */
    private void startImageScan(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        RequestBody id = request.object("imageId")
                .orElseThrow(() -> EcrError.invalidParameter("imageId", "Member must not be null"));
        registry.with(name, repository -> {
            Image image = image(repository, id);
            if (image.archived()) {
                throw EcrError.of(
                        "ImageArchivedException",
                        "The image with digest '" + image.digest + "' is archived and cannot be scanned");
            }
            if (rules.scanType().equals("ENHANCED")) {
                throw EcrError.of(
                        "ValidationException",
                        "StartImageScan starts basic scans; the registry's scan type is ENHANCED");
            }
            if (image.scanStartedAt != null
                    && Duration.between(image.scanStartedAt, registry.now()).compareTo(ONE_SCAN_A_DAY) < 0) {
                throw EcrError.of(
                        "LimitExceededException", "The scan quota per image has been exceeded. Wait and try again.");
            }
            if (!rules.takeBasicScan()) {
                throw EcrError.of(
                        "LimitExceededException",
                        "The basic scan quota of the registry has been exceeded. Wait and try again.");
            }
            image.scanStartedAt = registry.now();
            out.writeFieldName("registryId").writeValue(registry.accountId());
            out.writeFieldName("repositoryName").writeValue(name);
            writeImageId(out, image, id);
            out.writeFieldName("imageScanStatus")
                    .writeStartObject()
                    .writeFieldName("status")
                    .writeValue(registry.scanPlan(name).statusAfter(Duration.ZERO))
                    .writeEndObject();
            return null;
        });
    }

    // ---- signing -----------------------------------------------------------------------------------------------

    private void putSigningConfiguration(CallContext call, RequestBody request, JsonWriter out) {
        RequestBody configuration = request.object("signingConfiguration")
                .orElseThrow(() -> EcrError.invalidParameter("signingConfiguration", "Member must not be null"));
        List<RequestBody> given = configuration
                .objects("rules")
                .orElseThrow(() -> EcrError.invalidParameter("signingConfiguration.rules", "Member must not be null"));
        if (given.size() > MAX_SIGNING_RULES) {
            throw EcrError.invalidParameter(
                    "signingConfiguration.rules", "Member must have length less than or equal to " + MAX_SIGNING_RULES);
        }
        List<SigningRule> parsed = new ArrayList<>();
        for (RequestBody rule : given) {
            String profile = rule.requiredString("signingProfileArn");
            if (profile.length() > 200 || !SIGNING_PROFILE.matcher(profile).matches()) {
                throw EcrError.invalidParameter(
                        "signingConfiguration.rules.signingProfileArn",
                        "Member must satisfy regular expression pattern: " + SIGNING_PROFILE.pattern());
            }
            List<String> filters = List.of();
            Optional<List<RequestBody>> listed = rule.objects("repositoryFilters");
            if (listed.isPresent()) {
                if (listed.get().isEmpty() || listed.get().size() > 100) {
                    throw EcrError.invalidParameter(
                            "signingConfiguration.rules.repositoryFilters",
                            "Member must have length greater than or equal to 1 and less than or equal to 100");
                }
                filters = filters(listed.get(), "WILDCARD_MATCH", SIGNING_FILTER);
            }
            parsed.add(new SigningRule(profile, filters));
        }
        rules.signingRules(Optional.of(parsed));
        out.writeFieldName("signingConfiguration");
        writeSigningConfiguration(out, parsed);
    }

    private void getSigningConfiguration(CallContext call, RequestBody request, JsonWriter out) {
        List<SigningRule> configured = rules.signingRules().orElseThrow(this::noSigningConfiguration);
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("signingConfiguration");
        writeSigningConfiguration(out, configured);
    }

    private void deleteSigningConfiguration(CallContext call, RequestBody request, JsonWriter out) {
        List<SigningRule> deleted = rules.signingRules().orElseThrow(this::noSigningConfiguration);
        rules.signingRules(Optional.empty());
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("signingConfiguration");
        writeSigningConfiguration(out, deleted);
    }

    private EcrError noSigningConfiguration() {
        return EcrError.of(
                "SigningConfigurationNotFoundException",
                "The signing configuration for the registry with id '" + registry.accountId() + "' does not exist");
    }

    private static void writeSigningConfiguration(JsonWriter out, List<SigningRule> configured) {
        out.writeStartObject().writeFieldName("rules").writeStartArray();
        for (SigningRule rule : configured) {
            out.writeStartObject().writeFieldName("signingProfileArn").writeValue(rule.signingProfileArn());
            if (!rule.filters().isEmpty()) {
                writeFilters(out, "repositoryFilters", rule.filters(), "WILDCARD_MATCH");
            }
            out.writeEndObject();
        }
        out.writeEndArray().writeEndObject();
    }

    private void describeImageSigningStatus(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        RequestBody id = request.object("imageId")
                .orElseThrow(() -> EcrError.invalidParameter("imageId", "Member must not be null"));
        registry.with(name, repository -> {
            Image image = image(repository, id);
            out.writeFieldName("repositoryName").writeValue(name);
            writeImageId(out, image, id);
            out.writeFieldName("registryId").writeValue(registry.accountId());
            out.writeFieldName("signingStatuses").writeStartArray();
            for (RegistryRules.Signing signing : rules.signings(name, image.digest)) {
                String status = signing.statusAt(registry.now());
                out.writeStartObject()
                        .writeFieldName("signingProfileArn")
                        .writeValue(signing.signingProfileArn())
                        .writeFieldName("status")
                        .writeValue(status);
                if (status.equals("FAILED")) {
                    out.writeFieldName("failureCode")
                            .writeValue(signing.plan().failureCode())
                            .writeFieldName("failureReason")
                            .writeValue(signing.plan().failureReason());
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            return null;
        });
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    private static List<String> filters(List<RequestBody> filters, String filterType, Pattern pattern) {
        List<String> parsed = new ArrayList<>();
        for (RequestBody filter : filters) {
            String type = filter.requiredString("filterType");
            if (!type.equals(filterType)) {
                throw EcrError.invalidParameter(
                        "repositoryFilters.filterType", "Member must satisfy enum value set: [" + filterType + "]");
            }
            String value = filter.requiredString("filter");
            if (value.isEmpty()
                    || value.length() > 256
                    || !pattern.matcher(value).matches()) {
                throw EcrError.invalidParameter(
                        "repositoryFilters.filter", "Member must satisfy regular expression pattern: " + pattern);
            }
            parsed.add(value);
        }
        return parsed;
    }

    private static void writeFilters(JsonWriter out, String field, List<String> filters, String filterType) {
        out.writeFieldName(field).writeStartArray();
        for (String filter : filters) {
            out.writeStartObject()
                    .writeFieldName("filter")
                    .writeValue(filter)
                    .writeFieldName("filterType")
                    .writeValue(filterType)
                    .writeEndObject();
        }
        out.writeEndArray();
    }

    private static void writeImageId(JsonWriter out, Image image, RequestBody id) {
        out.writeFieldName("imageId")
                .writeStartObject()
                .writeFieldName("imageDigest")
                .writeValue(image.digest);
        id.string("imageTag").ifPresent(tag -> out.writeFieldName("imageTag").writeValue(tag));
        out.writeEndObject();
    }

    private Image image(Repository repository, RequestBody id) {
        Optional<String> tag = id.string("imageTag");
        Optional<String> digest = id.string("imageDigest");
        if (tag.isEmpty() && digest.isEmpty()) {
            throw EcrError.invalidParameter("Invalid parameter at 'imageId' failed to satisfy constraint: "
                    + "'imageId must have either an imageTag or an imageDigest'");
        }
        return repository.images.stream()
                .filter(image -> tag.map(image.tags::contains).orElse(true))
                .filter(image -> digest.map(image.digest::equals).orElse(true))
                .findFirst()
                .orElseThrow(() -> EcrError.of(
                        "ImageNotFoundException",
                        "The image with imageId {imageDigest:'" + digest.orElse("null") + "', imageTag:'"
                                + tag.orElse("null") + "'} does not exist within the repository with name '"
                                + repository.name + "' in the registry with id '" + registry.accountId() + "'"));
    }

    private void checkRegistryId(RequestBody request) {
        request.string("registryId").ifPresent(id -> Validation.registryId(id, registry.accountId()));
    }
}
