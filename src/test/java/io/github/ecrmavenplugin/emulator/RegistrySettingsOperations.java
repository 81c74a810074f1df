package io.github.ecrmavenplugin.emulator;

import io.github.ecrmavenplugin.emulator.RegistrySettings.CacheRule;
import io.github.ecrmavenplugin.emulator.RegistrySettings.ReplicationRule;
import io.github.ecrmavenplugin.emulator.RegistrySettings.Template;
import io.github.ecrmavenplugin.emulator.RepositoryState.ExclusionFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The ECR operations on the registry's own settings, with the request validation and response shapes of ECR's
 * service model (the SDK's {@code 2015-09-21} model): repository creation templates, pull through cache rules, and
 * the replication configuration ({@code DescribeRegistry}, {@code PutReplicationConfiguration}). As in ECR, none of
 * them touches an existing repository, and {@code CreateRepository} applies no template.
 */
final class RegistrySettingsOperations {

    /** The pattern of {@code Prefix} and {@code PullThroughCacheRuleRepositoryPrefix}: a namespace, or ROOT. */
    static final Pattern PREFIX =
            Pattern.compile("^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$");

    private static final Pattern TEMPLATE_KMS_KEY =
            Pattern.compile("^$|arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key\\/[a-z0-9-]+");
    private static final Pattern CREDENTIAL_ARN = Pattern.compile(
            "^arn:aws(-\\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\\-pullthroughcache\\/[a-zA-Z0-9\\/_+=.@-]+$");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::([0-9]{12}):role/.+");
    private static final Pattern REGION = Pattern.compile("[0-9a-z-]{2,25}");
    private static final Pattern REGISTRY_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern REPOSITORY_FILTER =
            Pattern.compile("^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$");
    private static final Set<String> APPLIED_FOR = Set.of("REPLICATION", "PULL_THROUGH_CACHE", "CREATE_ON_PUSH");
    private static final Set<String> UPSTREAM_REGISTRIES = Set.of(
            "ecr",
            "ecr-public",
            "quay",
            "k8s",
            "docker-hub",
            "github-container-registry",
            "azure-container-registry",
            "gitlab-container-registry",
            "chainguard");
    /** Upstream registries ECR reaches only with credentials from Secrets Manager ({@code credentialArn}). */
    private static final Set<String> AUTHENTICATED_UPSTREAMS =
            Set.of("docker-hub", "github-container-registry", "azure-container-registry", "gitlab-container-registry");

    private final EmulatedRegistry registry;
    private final RegistrySettings settings;

    RegistrySettingsOperations(EmulatedRegistry registry, RegistrySettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    /** The operations, by name, for {@link EcrOperations#register}. */
    Map<String, EcrOperations.Operation> operations() {
        Map<String, EcrOperations.Operation> operations = new LinkedHashMap<>();
        operations.put("CreateRepositoryCreationTemplate", this::createTemplate);
        operations.put("UpdateRepositoryCreationTemplate", this::updateTemplate);
        operations.put("DeleteRepositoryCreationTemplate", this::deleteTemplate);
        operations.put("DescribeRepositoryCreationTemplates", this::describeTemplates);
        operations.put("CreatePullThroughCacheRule", this::createCacheRule);
        operations.put("DeletePullThroughCacheRule", this::deleteCacheRule);
        operations.put("DescribePullThroughCacheRules", this::describeCacheRules);
        operations.put("DescribeRegistry", this::describeRegistry);
        operations.put("PutReplicationConfiguration", this::putReplicationConfiguration);
        return operations;
    }

    // ---- repository creation templates -------------------------------------------------------------------------

    private void createTemplate(CallContext call, RequestBody request, JsonWriter out) {
        String prefix = prefix(request.requiredString("prefix"), "prefix");
        List<String> appliedFor = appliedFor(request.strings("appliedFor")
                .orElseThrow(() -> EcrError.invalidParameter("appliedFor", "Member must not be null")));
        Template template = new Template(prefix, Instant.now());
        template.appliedFor = appliedFor;
        configure(template, request);
        Template created = settings.withTemplates(all -> {
            if (all.putIfAbsent(prefix, template) != null) {
                throw EcrError.of(
                        "TemplateAlreadyExistsException",
                        "The repository creation template with prefix '" + prefix
                                + "' already exists in the registry with id '" + registry.accountId() + "'");
            }
            return template;
        });
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("repositoryCreationTemplate");
        writeTemplate(out, created);
    }

    /** Replaces what the request gives; what it leaves out stays as it is. */
    private void updateTemplate(CallContext call, RequestBody request, JsonWriter out) {
        String prefix = prefix(request.requiredString("prefix"), "prefix");
        Template probe = new Template(prefix, Instant.now());
        configure(probe, request);
        List<String> appliedFor =
                request.strings("appliedFor").map(this::appliedFor).orElse(null);
        Template updated = settings.withTemplates(all -> {
            Template template = all.get(prefix);
            if (template == null) {
                throw templateNotFound(prefix);
            }
            request.field("description").ifPresent(d -> template.description = probe.description);
            if (request.field("encryptionConfiguration").isPresent()) {
                template.encryptionType = probe.encryptionType;
                template.kmsKey = probe.kmsKey;
            }
            request.field("resourceTags").ifPresent(t -> template.resourceTags = probe.resourceTags);
            if (request.field("imageTagMutability").isPresent()) {
                template.imageTagMutability = probe.imageTagMutability;
                template.exclusionFilters = probe.exclusionFilters;
            }
            request.field("repositoryPolicy").ifPresent(p -> template.repositoryPolicy = probe.repositoryPolicy);
            request.field("lifecyclePolicy").ifPresent(p -> template.lifecyclePolicy = probe.lifecyclePolicy);
            request.field("customRoleArn").ifPresent(r -> template.customRoleArn = probe.customRoleArn);
            if (appliedFor != null) {
                template.appliedFor = appliedFor;
            }
            template.updatedAt = Instant.now();
            return template;
        });
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("repositoryCreationTemplate");
        writeTemplate(out, updated);
    }

    private void deleteTemplate(CallContext call, RequestBody request, JsonWriter out) {
        String prefix = prefix(request.requiredString("prefix"), "prefix");
        Template deleted = settings.withTemplates(all -> {
            Template template = all.remove(prefix);
            if (template == null) {
                throw templateNotFound(prefix);
            }
            return template;
        });
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("repositoryCreationTemplate");
        writeTemplate(out, deleted);
    }

    /** All templates, or those of the given prefixes (an unknown prefix is simply not in the answer), a page at a time. */
    private void describeTemplates(CallContext call, RequestBody request, JsonWriter out) {
        List<String> prefixes = request.strings("prefixes").orElse(List.of());
        prefixes.forEach(p -> prefix(p, "prefixes"));
        int maxResults = Validation.maxResults(request, 1000);
        int pageSize = request.integer("maxResults").isPresent() ? maxResults : 100;
        String after =
                request.string("nextToken").map(EcrOperations::decodeToken).orElse("");
        settings.withTemplates(all -> {
            List<Template> rest = all.values().stream()
                    .filter(t -> prefixes.isEmpty() || prefixes.contains(t.prefix))
                    .filter(t -> t.prefix.compareTo(after) > 0)
                    .toList();
            List<Template> page = rest.subList(0, Math.min(pageSize, rest.size()));
            out.writeFieldName("registryId").writeValue(registry.accountId());
            out.writeFieldName("repositoryCreationTemplates").writeStartArray();
            page.forEach(t -> writeTemplate(out, t));
            out.writeEndArray();
            if (rest.size() > pageSize) {
                out.writeFieldName("nextToken").writeValue(EcrOperations.encodeToken(page.get(page.size() - 1).prefix));
            }
            return null;
        });
    }

    /** Validates and copies the template settings of a create or update request into {@code template}. */
    private void configure(Template template, RequestBody request) {
        request.string("description").ifPresent(d -> {
            if (d.length() > 256) {
                throw EcrError.invalidParameter("description", "Member must have length less than or equal to 256");
            }
            template.description = d;
        });
        request.object("encryptionConfiguration").ifPresent(encryption -> {
            String type = Validation.encryptionType(encryption.requiredString("encryptionType"));
            String key = encryption.string("kmsKey").orElse(null);
            if (key != null
                    && (key.length() > 2048 || !TEMPLATE_KMS_KEY.matcher(key).matches())) {
                throw EcrError.invalidParameter(
                        "encryptionConfiguration.kmsKey",
                        "Member must satisfy regular expression '" + TEMPLATE_KMS_KEY.pattern() + "'");
            }
            if (key != null && !key.isEmpty() && type.equals("AES256")) {
                throw EcrError.invalidParameter("Invalid parameter at 'encryptionConfiguration' failed to "
                        + "satisfy constraint: 'kmsKey can only be specified with encryptionType KMS or KMS_DSSE'");
            }
            template.encryptionType = type;
            template.kmsKey = key == null || key.isEmpty() ? null : key;
        });
        request.objects("resourceTags").ifPresent(tags -> {
            Map<String, String> valid = Validation.tags(tags);
            Validation.tagCount(valid.size());
            template.resourceTags = valid;
        });
        request.string("imageTagMutability").ifPresent(mode -> {
            template.imageTagMutability = Validation.mutability(mode);
            template.exclusionFilters = Validation.exclusionFilters(
                    mode, request.objects("imageTagMutabilityExclusionFilters").orElse(List.of()));
        });
        if (request.string("imageTagMutability").isEmpty()
                && request.field("imageTagMutabilityExclusionFilters").isPresent()) {
            template.exclusionFilters = Validation.exclusionFilters(
                    "MUTABLE",
                    request.objects("imageTagMutabilityExclusionFilters").orElse(List.of()));
        }
        request.string("repositoryPolicy").ifPresent(policy -> {
            if (policy.length() > PolicyDocuments.MAX_POLICY_LENGTH) {
                throw EcrError.invalidParameter(
                        "repositoryPolicy",
                        "Member must have length less than or equal to " + PolicyDocuments.MAX_POLICY_LENGTH);
            }
            if (!policy.isEmpty()) {
                PolicyDocuments.repositoryPolicy(policy);
            }
            template.repositoryPolicy = policy.isEmpty() ? null : policy;
        });
        request.string("lifecyclePolicy").ifPresent(policy -> {
            if (policy.length() > PolicyDocuments.MAX_LIFECYCLE_LENGTH) {
                throw EcrError.invalidParameter(
                        "lifecyclePolicy",
                        "Member must have length less than or equal to " + PolicyDocuments.MAX_LIFECYCLE_LENGTH);
            }
            template.lifecyclePolicy = policy.isEmpty() ? null : PolicyDocuments.lifecyclePolicy(policy);
        });
        request.string("customRoleArn").ifPresent(role -> template.customRoleArn = roleArn(role));
    }

    private List<String> appliedFor(List<String> values) {
        if (values.isEmpty()) {
            throw EcrError.invalidParameter("appliedFor", "Member must have length greater than or equal to 1");
        }
        for (String value : values) {
            if (!APPLIED_FOR.contains(value)) {
                throw EcrError.invalidParameter(
                        "appliedFor.member",
                        "Member must satisfy enum value set: "
                                + APPLIED_FOR.stream().sorted().toList());
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(values));
    }

    /** A role ECR assumes for the registry: it must be in the registry's account. */
    private String roleArn(String role) {
        if (role.length() > 2048) {
            throw EcrError.invalidParameter("customRoleArn", "Member must have length less than or equal to 2048");
        }
        var matcher = ROLE_ARN.matcher(role);
        if (!matcher.matches()) {
            throw EcrError.invalidParameter("Invalid parameter at 'customRoleArn' failed to satisfy constraint: "
                    + "'Invalid role ARN " + role + "'");
        }
        if (!matcher.group(1).equals(registry.accountId())) {
            throw EcrError.invalidParameter("Invalid parameter at 'customRoleArn' failed to satisfy constraint: "
                    + "'The role must be in the same account as the registry'");
        }
        return role;
    }

    private EcrError templateNotFound(String prefix) {
        return EcrError.of(
                "TemplateNotFoundException",
                "The repository creation template with prefix '" + prefix + "' does not exist in the registry "
                        + "with id '" + registry.accountId() + "'");
    }

    private static void writeTemplate(JsonWriter out, Template template) {
        out.writeStartObject();
        out.writeFieldName("prefix").writeValue(template.prefix);
        if (template.description != null) {
            out.writeFieldName("description").writeValue(template.description);
        }
        if (template.encryptionType != null) {
            out.writeFieldName("encryptionConfiguration")
                    .writeStartObject()
                    .writeFieldName("encryptionType")
                    .writeValue(template.encryptionType);
            if (template.kmsKey != null) {
                out.writeFieldName("kmsKey").writeValue(template.kmsKey);
            }
            out.writeEndObject();
        }
        if (!template.resourceTags.isEmpty()) {
            out.writeFieldName("resourceTags").writeStartArray();
            template.resourceTags.forEach((key, value) -> out.writeStartObject()
                    .writeFieldName("Key")
                    .writeValue(key)
                    .writeFieldName("Value")
                    .writeValue(value)
                    .writeEndObject());
            out.writeEndArray();
        }
        if (template.imageTagMutability != null) {
            out.writeFieldName("imageTagMutability").writeValue(template.imageTagMutability);
        }
        if (!template.exclusionFilters.isEmpty()) {
            out.writeFieldName("imageTagMutabilityExclusionFilters").writeStartArray();
            for (ExclusionFilter filter : template.exclusionFilters) {
                out.writeStartObject()
                        .writeFieldName("filterType")
                        .writeValue(filter.filterType())
                        .writeFieldName("filter")
                        .writeValue(filter.filter())
                        .writeEndObject();
            }
            out.writeEndArray();
        }
        if (template.repositoryPolicy != null) {
            out.writeFieldName("repositoryPolicy").writeValue(template.repositoryPolicy);
        }
        if (template.lifecyclePolicy != null) {
            out.writeFieldName("lifecyclePolicy").writeValue(template.lifecyclePolicy);
        }
        out.writeFieldName("appliedFor").writeStartArray();
        template.appliedFor.forEach(out::writeValue);
        out.writeEndArray();
        if (template.customRoleArn != null) {
            out.writeFieldName("customRoleArn").writeValue(template.customRoleArn);
        }
        EcrOperations.writeTimestamp(out, "createdAt", template.createdAt);
        EcrOperations.writeTimestamp(out, "updatedAt", template.updatedAt);
        out.writeEndObject();
    }

    private static String prefix(String prefix, String parameter) {
        if (prefix.isEmpty() || prefix.length() > 256) {
            throw EcrError.invalidParameter(
                    parameter, "Member must have length greater than or equal to 1 and less than or equal to 256");
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw EcrError.invalidParameter(parameter, "Member must satisfy regular expression '" + PREFIX + "'");
        }
        return prefix;
    }

    // ---- pull through cache rules ------------------------------------------------------------------------------

    private void createCacheRule(CallContext call, RequestBody request, JsonWriter out) {
        checkRegistryId(request);
        String prefix = cachePrefix(request.requiredString("ecrRepositoryPrefix"), "ecrRepositoryPrefix");
        String url = request.requiredString("upstreamRegistryUrl");
        String upstream = request.string("upstreamRegistry").orElseGet(() -> upstreamOf(url));
        if (!UPSTREAM_REGISTRIES.contains(upstream)) {
            throw EcrError.invalidParameter(
                    "upstreamRegistry",
                    "Member must satisfy enum value set: "
                            + UPSTREAM_REGISTRIES.stream().sorted().toList());
        }
        String credentialArn = request.string("credentialArn").orElse(null);
        if (credentialArn != null
                && (credentialArn.length() < 50
                        || credentialArn.length() > 612
                        || !CREDENTIAL_ARN.matcher(credentialArn).matches())) {
            throw EcrError.invalidParameter(
                    "credentialArn", "Member must satisfy regular expression '" + CREDENTIAL_ARN + "'");
        }
        if (credentialArn == null && AUTHENTICATED_UPSTREAMS.contains(upstream)) {
            throw EcrError.invalidParameter("Invalid parameter at 'credentialArn' failed to satisfy constraint: "
                    + "'A credential ARN is required for the upstream registry " + upstream + "'");
        }
        String upstreamPrefix = request.string("upstreamRepositoryPrefix")
                .map(p -> cachePrefix(p, "upstreamRepositoryPrefix"))
                .orElse(null);
        if (upstreamPrefix != null && !upstreamPrefix.equals("ROOT") && prefix.equals("ROOT")) {
            throw EcrError.invalidParameter("Invalid parameter at 'upstreamRepositoryPrefix' failed to satisfy "
                    + "constraint: 'An upstream repository prefix needs an ECR repository prefix other than ROOT'");
        }
        String role = request.string("customRoleArn").map(this::roleArn).orElse(null);
        CacheRule rule = new CacheRule(prefix, url, upstream, credentialArn, role, upstreamPrefix, Instant.now());
        settings.withCacheRules(all -> {
            if (all.putIfAbsent(prefix, rule) != null) {
                throw EcrError.of(
                        "PullThroughCacheRuleAlreadyExistsException",
                        "A pull through cache rule with the ecrRepositoryPrefix '" + prefix
                                + "' already exists in the registry with id '" + registry.accountId() + "'");
            }
            return null;
        });
        writeCacheRuleFields(out, rule);
    }

    private void deleteCacheRule(CallContext call, RequestBody request, JsonWriter out) {
        checkRegistryId(request);
        String prefix = cachePrefix(request.requiredString("ecrRepositoryPrefix"), "ecrRepositoryPrefix");
        CacheRule deleted = settings.withCacheRules(all -> {
            CacheRule rule = all.remove(prefix);
            if (rule == null) {
                throw cacheRuleNotFound(prefix);
            }
            return rule;
        });
        writeCacheRuleFields(out, deleted);
    }

    private void describeCacheRules(CallContext call, RequestBody request, JsonWriter out) {
        checkRegistryId(request);
        List<String> prefixes = request.strings("ecrRepositoryPrefixes").orElse(null);
        if (prefixes != null) {
            if (prefixes.isEmpty() || prefixes.size() > 100) {
                throw EcrError.invalidParameter(
                        "ecrRepositoryPrefixes",
                        "Member must have length greater than or equal to 1 and less than or equal to 100");
            }
            prefixes.forEach(p -> cachePrefix(p, "ecrRepositoryPrefixes"));
        }
        int maxResults = Validation.maxResults(request, 1000);
        int pageSize = request.integer("maxResults").isPresent() ? maxResults : 100;
        String after =
                request.string("nextToken").map(EcrOperations::decodeToken).orElse("");
        settings.withCacheRules(all -> {
            if (prefixes != null) {
                prefixes.stream().filter(p -> !all.containsKey(p)).findFirst().ifPresent(p -> {
                    throw cacheRuleNotFound(p);
                });
            }
            List<CacheRule> rest = all.values().stream()
                    .filter(r -> prefixes == null || prefixes.contains(r.ecrRepositoryPrefix()))
                    .filter(r -> r.ecrRepositoryPrefix().compareTo(after) > 0)
                    .toList();
            List<CacheRule> page = rest.subList(0, Math.min(pageSize, rest.size()));
            out.writeFieldName("pullThroughCacheRules").writeStartArray();
            for (CacheRule rule : page) {
                out.writeStartObject();
                writeCacheRuleFields(out, rule);
                EcrOperations.writeTimestamp(out, "updatedAt", rule.createdAt());
                out.writeEndObject();
            }
            out.writeEndArray();
            if (rest.size() > pageSize) {
                out.writeFieldName("nextToken")
                        .writeValue(EcrOperations.encodeToken(
                                page.get(page.size() - 1).ecrRepositoryPrefix()));
            }
            return null;
        });
    }

    private void writeCacheRuleFields(JsonWriter out, CacheRule rule) {
        out.writeFieldName("ecrRepositoryPrefix").writeValue(rule.ecrRepositoryPrefix());
        out.writeFieldName("upstreamRegistryUrl").writeValue(rule.upstreamRegistryUrl());
        EcrOperations.writeTimestamp(out, "createdAt", rule.createdAt());
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("upstreamRegistry").writeValue(rule.upstreamRegistry());
        if (rule.credentialArn() != null) {
            out.writeFieldName("credentialArn").writeValue(rule.credentialArn());
        }
        if (rule.customRoleArn() != null) {
            out.writeFieldName("customRoleArn").writeValue(rule.customRoleArn());
        }
        if (rule.upstreamRepositoryPrefix() != null) {
            out.writeFieldName("upstreamRepositoryPrefix").writeValue(rule.upstreamRepositoryPrefix());
        }
    }

    /** ECR tells the upstream registry by its URL when the request does not name it. */
    private static String upstreamOf(String url) {
        String host = url.replaceFirst("^https?://", "").replaceFirst("/.*", "");
        if (host.equals("registry-1.docker.io")) {
            return "docker-hub";
        }
        if (host.equals("public.ecr.aws")) {
            return "ecr-public";
        }
        if (host.equals("quay.io")) {
            return "quay";
        }
        if (host.equals("registry.k8s.io")) {
            return "k8s";
        }
        if (host.equals("ghcr.io")) {
            return "github-container-registry";
        }
        if (host.equals("registry.gitlab.com")) {
            return "gitlab-container-registry";
        }
        if (host.endsWith(".azurecr.io")) {
            return "azure-container-registry";
        }
        if (host.equals("cgr.dev")) {
            return "chainguard";
        }
        if (host.matches("[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com")) {
            return "ecr";
        }
        throw EcrError.of(
                "UnsupportedUpstreamRegistryException", "The specified upstream registry " + url + " is not supported");
    }

    private EcrError cacheRuleNotFound(String prefix) {
        return EcrError.of(
                "PullThroughCacheRuleNotFoundException",
                "The pull through cache rule with ecrRepositoryPrefix '" + prefix
                        + "' does not exist in the registry with id '" + registry.accountId() + "'");
    }

    private static String cachePrefix(String prefix, String parameter) {
        if (prefix.length() < 2 || prefix.length() > 30) {
            throw EcrError.invalidParameter(
                    parameter, "Member must have length greater than or equal to 2 and less than or equal to 30");
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw EcrError.invalidParameter(parameter, "Member must satisfy regular expression '" + PREFIX + "'");
        }
        return prefix;
    }

    // ---- replication -------------------------------------------------------------------------------------------

    private void describeRegistry(CallContext call, RequestBody request, JsonWriter out) {
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("replicationConfiguration");
        writeReplication(out, settings.replication());
    }

    private void putReplicationConfiguration(CallContext call, RequestBody request, JsonWriter out) {
        RequestBody configuration = request.object("replicationConfiguration")
                .orElseThrow(() -> EcrError.invalidParameter("replicationConfiguration", "Member must not be null"));
        List<RequestBody> rules = configuration
                .objects("rules")
                .orElseThrow(
                        () -> EcrError.invalidParameter("replicationConfiguration.rules", "Member must not be null"));
        if (rules.size() > 10) {
            throw EcrError.invalidParameter(
                    "replicationConfiguration.rules", "Member must have length less than or equal to 10");
        }
        List<ReplicationRule> valid = new ArrayList<>();
        for (RequestBody rule : rules) {
            List<RequestBody> destinations = rule.objects("destinations")
                    .orElseThrow(() -> EcrError.invalidParameter(
                            "replicationConfiguration.rules.member.destinations", "Member must not be null"));
            if (destinations.size() > 100) {
                throw EcrError.invalidParameter(
                        "replicationConfiguration.rules.member.destinations",
                        "Member must have length less than or equal to 100");
            }
            List<Map.Entry<String, String>> validDestinations = new ArrayList<>();
            for (RequestBody destination : destinations) {
                String region = destination.requiredString("region");
                String registryId = destination.requiredString("registryId");
                if (!REGION.matcher(region).matches()) {
                    throw EcrError.invalidParameter(
                            "replicationConfiguration.rules.member.destinations.member.region",
                            "Member must satisfy regular expression '[0-9a-z-]{2,25}'");
                }
                if (!REGISTRY_ID.matcher(registryId).matches()) {
                    throw EcrError.invalidParameter(
                            "replicationConfiguration.rules.member.destinations.member.registryId",
                            "Member must satisfy regular expression '[0-9]{12}'");
                }
                if (region.equals(call.region()) && registryId.equals(registry.accountId())) {
                    throw EcrError.invalidParameter("Invalid parameter at 'replicationConfiguration' failed to "
                            + "satisfy constraint: 'Replication destination cannot be the source registry'");
                }
                validDestinations.add(Map.entry(region, registryId));
            }
            List<String> filters = new ArrayList<>();
            List<RequestBody> repositoryFilters =
                    rule.objects("repositoryFilters").orElse(null);
            if (repositoryFilters != null && (repositoryFilters.isEmpty() || repositoryFilters.size() > 100)) {
                throw EcrError.invalidParameter(
                        "replicationConfiguration.rules.member.repositoryFilters",
                        "Member must have length greater than or equal to 1 and less than or equal to 100");
            }
            for (RequestBody filter : repositoryFilters == null ? List.<RequestBody>of() : repositoryFilters) {
                String value = filter.requiredString("filter");
                String type = filter.requiredString("filterType");
                if (value.length() < 2
                        || value.length() > 256
                        || !REPOSITORY_FILTER.matcher(value).matches()) {
                    throw EcrError.invalidParameter(
                            "replicationConfiguration.rules.member.repositoryFilters.member.filter",
                            "Member must satisfy regular expression '" + REPOSITORY_FILTER + "'");
                }
                if (!type.equals("PREFIX_MATCH")) {
                    throw EcrError.invalidParameter(
                            "replicationConfiguration.rules.member.repositoryFilters.member.filterType",
                            "Member must satisfy enum value set: [PREFIX_MATCH]");
                }
                filters.add(value);
            }
            valid.add(new ReplicationRule(validDestinations, filters));
        }
        settings.replication(valid);
        out.writeFieldName("replicationConfiguration");
        writeReplication(out, valid);
    }

    private static void writeReplication(JsonWriter out, List<ReplicationRule> rules) {
        out.writeStartObject().writeFieldName("rules").writeStartArray();
        for (ReplicationRule rule : rules) {
            out.writeStartObject().writeFieldName("destinations").writeStartArray();
            for (Map.Entry<String, String> destination : rule.destinations()) {
                out.writeStartObject()
                        .writeFieldName("region")
                        .writeValue(destination.getKey())
                        .writeFieldName("registryId")
                        .writeValue(destination.getValue())
                        .writeEndObject();
            }
            out.writeEndArray();
            if (!rule.prefixFilters().isEmpty()) {
                out.writeFieldName("repositoryFilters").writeStartArray();
                for (String filter : rule.prefixFilters()) {
                    out.writeStartObject()
                            .writeFieldName("filter")
                            .writeValue(filter)
                            .writeFieldName("filterType")
                            .writeValue("PREFIX_MATCH")
                            .writeEndObject();
                }
                out.writeEndArray();
            }
            out.writeEndObject();
        }
        out.writeEndArray().writeEndObject();
    }

    private void checkRegistryId(RequestBody request) {
        request.string("registryId").ifPresent(id -> Validation.registryId(id, registry.accountId()));
    }
}
