package io.github.ecrmavenplugin.emulator;

import io.github.ecrmavenplugin.emulator.EmulatedRegistry.Image;
import io.github.ecrmavenplugin.emulator.EmulatedRegistry.Repository;
import io.github.ecrmavenplugin.emulator.RepositoryState.ExclusionFilter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The ECR operations the emulator speaks, with ECR's request validation and response shapes.
 *
 * <p>Each operation reads its request through {@link RequestBody} and writes the fields of its response object
 * into a {@link JsonWriter} that the caller has already opened; errors are thrown as {@link EcrError}.
 */
final class EcrOperations {

    /** Operations that exist in ECR and here; anything else is {@code UnknownOperationException}. */
    interface Operation {
        void invoke(CallContext call, RequestBody request, JsonWriter out);
    }

    static final String MANIFEST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
    static final String CONFIG_MEDIA_TYPE = "application/vnd.docker.container.image.v1+json";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    private static final Pattern REPOSITORY_ARN =
            Pattern.compile("arn:aws[a-z-]*:ecr:([a-z0-9-]+):([0-9]{12}):repository/(.+)");

    private final EmulatedRegistry registry;
    private final Supplier<String> authorizationPassword;
    private final Faults faults;
    private final Identities identities;
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private volatile Duration previewDuration = Duration.ofMillis(300);

    EcrOperations(
            EmulatedRegistry registry, Supplier<String> authorizationPassword, Faults faults, Identities identities) {
        this.registry = registry;
        this.authorizationPassword = authorizationPassword;
        this.faults = faults;
        this.identities = identities;
        operations.put("CreateRepository", this::createRepository);
        operations.put("DescribeRepositories", this::describeRepositories);
        operations.put("DeleteRepository", this::deleteRepository);
        operations.put("GetRepositoryPolicy", this::getRepositoryPolicy);
        operations.put("SetRepositoryPolicy", this::setRepositoryPolicy);
        operations.put("DeleteRepositoryPolicy", this::deleteRepositoryPolicy);
        operations.put("GetLifecyclePolicy", this::getLifecyclePolicy);
        operations.put("PutLifecyclePolicy", this::putLifecyclePolicy);
        operations.put("DeleteLifecyclePolicy", this::deleteLifecyclePolicy);
        operations.put("PutImageTagMutability", this::putImageTagMutability);
        operations.put("PutImageScanningConfiguration", this::putImageScanningConfiguration);
        operations.put("TagResource", this::tagResource);
        operations.put("UntagResource", this::untagResource);
        operations.put("ListTagsForResource", this::listTagsForResource);
        operations.put("DescribeImages", this::describeImages);
        operations.put("BatchDeleteImage", this::batchDeleteImage);
        operations.put("DescribeImageScanFindings", this::describeImageScanFindings);
        operations.put("GetAuthorizationToken", this::getAuthorizationToken);
        operations.put("StartLifecyclePolicyPreview", this::startLifecyclePolicyPreview);
        operations.put("GetLifecyclePolicyPreview", this::getLifecyclePolicyPreview);
        new RegistryRuleOperations(registry).registerIn(operations);
    }

    /**
     * Adds operations kept in files of their own (e.g. {@link RegistrySettingsOperations}); called before the
     * emulator serves its first request.
     */
    void register(Map<String, Operation> more) {
        operations.putAll(more);
    }

    /** How long a lifecycle policy preview stays {@code IN_PROGRESS} before it is {@code COMPLETE}. */
    void lifecyclePreviewDuration(Duration duration) {
        this.previewDuration = duration;
    }

    Optional<Operation> find(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    /** The repository a request is about, for the call log: {@code repositoryName}, else the one in its ARN. */
    static String repositoryNameOf(RequestBody request) {
        Optional<String> name =
                request.field("repositoryName").filter(n -> n.isString()).map(n -> n.asString());
        return name.orElseGet(() -> request.field("resourceArn")
                .filter(n -> n.isString())
                .map(arn -> REPOSITORY_ARN.matcher(arn.asString()))
                .filter(Matcher::matches)
                .map(m -> m.group(3))
                .orElseGet(() -> singleRepositoryName(request)));
    }

    /** DescribeRepositories asking for exactly one repository names it, so the call log can be read per repository. */
    private static String singleRepositoryName(RequestBody request) {
        return request.field("repositoryNames")
                .filter(n -> n.isArray()
                        && n.asArray().size() == 1
                        && n.asArray().get(0).isString())
                .map(n -> n.asArray().get(0).asString())
                .orElse(null);
    }

    // ---- repositories ------------------------------------------------------------------------------------------

    private void createRepository(CallContext call, RequestBody request, JsonWriter out) {
        String name = Validation.repositoryName(request.requiredString("repositoryName"));
        checkRegistryId(request);
        String mutability =
                Validation.mutability(request.string("imageTagMutability").orElse("MUTABLE"));
        List<ExclusionFilter> filters = Validation.exclusionFilters(
                mutability,
                request.objects("imageTagMutabilityExclusionFilters").orElse(List.of()));
        boolean scanOnPush = request.object("imageScanningConfiguration")
                .flatMap(config -> config.bool("scanOnPush"))
                .orElse(false);
        Optional<RequestBody> encryption = request.object("encryptionConfiguration");
        String encryptionType = Validation.encryptionType(
                encryption.map(e -> e.requiredString("encryptionType")).orElse("AES256"));
        String kmsKey = encryption.flatMap(e -> e.string("kmsKey")).orElse(null);
        if (kmsKey != null && encryptionType.equals("AES256")) {
            throw EcrError.invalidParameter("Invalid parameter at 'encryptionConfiguration' failed to satisfy "
                    + "constraint: 'kmsKey can only be specified with encryptionType KMS or KMS_DSSE'");
        }
        if (kmsKey == null && !encryptionType.equals("AES256")) {
            // Without a key of its own ECR uses the account's AWS-managed key for ECR.
            kmsKey = "arn:aws:kms:" + call.region() + ":" + registry.accountId() + ":alias/aws/ecr";
        }
        Map<String, String> tags = Validation.tags(request.objects("tags").orElse(List.of()));
        Validation.tagCount(tags.size());

        Repository repository = registry.newRepository(name, call.region());
        repository.imageTagMutability = mutability;
        repository.exclusionFilters = filters;
        repository.scanOnPush = scanOnPush;
        repository.encryptionType = encryptionType;
        repository.kmsKey = kmsKey;
        repository.tags.putAll(tags);
        if (!registry.add(repository)) {
            throw EcrError.repositoryAlreadyExists(name, registry.accountId());
        }
        out.writeFieldName("repository");
        writeRepository(out, repository);
    }

    private void describeRepositories(CallContext call, RequestBody request, JsonWriter out) {
        checkRegistryId(request);
        Optional<List<String>> names = request.strings("repositoryNames");
        List<Repository> page;
        String nextToken = null;
        if (names.isPresent()) {
            if (names.get().isEmpty() || names.get().size() > 100) {
                throw EcrError.invalidParameter(
                        "repositoryNames",
                        "Member must have length greater than or equal to 1 and less than or equal to 100");
            }
            if (request.field("maxResults").isPresent()
                    || request.field("nextToken").isPresent()) {
                throw EcrError.invalidParameter("Invalid parameter at 'maxResults' failed to satisfy constraint: "
                        + "'maxResults and nextToken cannot be used together with repositoryNames'");
            }
            names.get().forEach(Validation::repositoryName);
            page = registry.withAll(all -> names.get().stream()
                    .distinct()
                    .map(name -> all.stream()
                            .filter(r -> r.name.equals(name))
                            .findFirst()
                            .orElseThrow(() -> EcrError.repositoryNotFound(name, registry.accountId())))
                    .toList());
        } else {
            int maxResults = Validation.maxResults(request, 1000);
            String after =
                    request.string("nextToken").map(EcrOperations::decodeToken).orElse("");
            List<Repository> rest = registry.withAll(
                    all -> all.stream().filter(r -> r.name.compareTo(after) > 0).toList());
            page = rest.subList(0, Math.min(maxResults, rest.size()));
            if (rest.size() > maxResults) {
                nextToken = encodeToken(page.get(page.size() - 1).name);
            }
        }
        out.writeFieldName("repositories").writeStartArray();
        // Repository objects are read under the lock so that a concurrent change never shows half done.
        registry.withAll(all -> {
            page.forEach(repository -> writeRepository(out, repository));
            return null;
        });
        out.writeEndArray();
        if (nextToken != null) {
            out.writeFieldName("nextToken").writeValue(nextToken);
        }
    }

    private void deleteRepository(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        boolean force = request.bool("force").orElse(false);
        Repository deleted = registry.with(name, repository -> {
            if (!repository.images.isEmpty() && !force) {
                throw EcrError.of(
                        "RepositoryNotEmptyException",
                        "The repository with name '" + name
                                + "' in registry with id '" + registry.accountId()
                                + "' cannot be deleted because it still contains images");
            }
            return registry.remove(name).orElseThrow();
        });
        out.writeFieldName("repository");
        writeRepository(out, deleted);
    }

    // ---- repository policy -------------------------------------------------------------------------------------

    /**
     * A document a repository holds at most one of (its repository policy, its lifecycle policy): its text, how to
     * clear it, and ECR's error when there is none, "{@code name} does not exist ...".
     */
    private record Document(
            String name, String notFound, Function<Repository, String> text, Consumer<Repository> clear) {}

    private static final Document POLICY = new Document(
            "Repository policy",
            "RepositoryPolicyNotFoundException",
            repository -> repository.policyText,
            repository -> repository.policyText = null);
    private static final Document LIFECYCLE_POLICY = new Document(
            "Lifecycle policy",
            "LifecyclePolicyNotFoundException",
            repository -> repository.lifecyclePolicyText,
            repository -> repository.lifecyclePolicyText = null);

    private void getRepositoryPolicy(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        writePolicyResponse(out, name, registry.with(name, repository -> required(repository, POLICY)));
    }

    private void setRepositoryPolicy(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        String text = request.requiredString("policyText");
        String stored = PolicyDocuments.repositoryPolicy(text);
        boolean force = request.bool("force").orElse(false);
        if (!force
                && PolicyDocuments.locksOut(
                        text,
                        registry.accountId(),
                        identities.find(call.accessKeyId()).map(Identities.Session::roleArn))) {
            // InvalidParameterException is the only error ECR's service model gives SetRepositoryPolicy for a
            // request it refuses; the message is ECR's style, its words are not documented.
            throw EcrError.invalidParameter("Invalid parameter at 'PolicyText' failed to satisfy constraint: "
                    + "'The repository policy would prevent you from setting another policy in the future; set "
                    + "force to true to set it anyway'");
        }
        registry.with(name, repository -> repository.policyText = stored);
        writePolicyResponse(out, name, stored);
    }

    private void deleteRepositoryPolicy(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        writePolicyResponse(out, name, registry.with(name, repository -> removed(repository, POLICY)));
    }

    /** The document's text, or ECR's error when the repository holds none. */
    private String required(Repository repository, Document document) {
        String text = document.text().apply(repository);
        if (text == null) {
            throw EcrError.of(
                    document.notFound(),
                    document.name() + " does not exist for the repository with name '" + repository.name
                            + "' in the registry with id '" + registry.accountId() + "'");
        }
        return text;
    }

    /** Clears the document, answering its text as ECR's delete operations do; ECR's error when there is none. */
    private String removed(Repository repository, Document document) {
        String text = required(repository, document);
        document.clear().accept(repository);
        return text;
    }

    private void writePolicyResponse(JsonWriter out, String name, String policy) {
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("repositoryName").writeValue(name);
        out.writeFieldName("policyText").writeValue(policy);
    }

    // ---- lifecycle policy --------------------------------------------------------------------------------------

    private void getLifecyclePolicy(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        writeLifecycleResponse(
                out, name, registry.with(name, repository -> required(repository, LIFECYCLE_POLICY)), true);
    }

    private void putLifecyclePolicy(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        String stored = PolicyDocuments.lifecyclePolicy(request.requiredString("lifecyclePolicyText"));
        registry.with(name, repository -> repository.lifecyclePolicyText = stored);
        writeLifecycleResponse(out, name, stored, false);
    }

    private void deleteLifecyclePolicy(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        writeLifecycleResponse(
                out, name, registry.with(name, repository -> removed(repository, LIFECYCLE_POLICY)), true);
    }

    /** The emulator never runs lifecycle rules, so {@code lastEvaluatedAt} is the epoch, as for a fresh policy. */
    private void writeLifecycleResponse(JsonWriter out, String name, String policy, boolean withEvaluatedAt) {
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("repositoryName").writeValue(name);
        out.writeFieldName("lifecyclePolicyText").writeValue(policy);
        if (withEvaluatedAt) {
            writeTimestamp(out, "lastEvaluatedAt", Instant.EPOCH);
        }
    }

    // ---- lifecycle policy preview ------------------------------------------------------------------------------

    /** Evaluates the given policy (or the repository's own) over the images; applies nothing. */
    private void startLifecyclePolicyPreview(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        Optional<String> text = request.string("lifecyclePolicyText").map(PolicyDocuments::lifecyclePolicy);
        Instant now = Instant.now();
        LifecyclePreviews.Preview preview = registry.with(name, repository -> {
            if (repository.preview != null && repository.preview.status(now).equals("IN_PROGRESS")) {
                throw EcrError.of(
                        "LifecyclePolicyPreviewInProgressException",
                        "The previous lifecycle policy " + "preview request has not completed. Wait and try again.");
            }
            String policy = text.orElseGet(() -> required(repository, LIFECYCLE_POLICY));
            repository.preview = LifecyclePreviews.start(
                    policy,
                    repository.images,
                    now,
                    repository.previewDuration != null ? repository.previewDuration : previewDuration);
            return repository.preview;
        });
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("repositoryName").writeValue(name);
        out.writeFieldName("lifecyclePolicyText").writeValue(preview.policyText());
        out.writeFieldName("status").writeValue(preview.status(now));
    }

    private void getLifecyclePolicyPreview(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        if (request.field("imageIds").isPresent()
                && (request.field("maxResults").isPresent()
                        || request.field("nextToken").isPresent())) {
            throw EcrError.invalidParameter("Invalid parameter at 'maxResults' failed to satisfy constraint: "
                    + "'maxResults and nextToken cannot be used together with imageIds'");
        }
        int maxResults = Validation.maxResults(request, 100);
        int offset = request.string("nextToken")
                .map(t -> parseOffset(decodeToken(t)))
                .orElse(0);
        String tagStatus =
                request.object("filter").flatMap(f -> f.string("tagStatus")).orElse("ANY");
        if (!Set.of("TAGGED", "UNTAGGED", "ANY").contains(tagStatus)) {
            throw EcrError.invalidParameter(
                    "filter.tagStatus", "Member must satisfy enum value set: " + "[TAGGED, UNTAGGED, ANY]");
        }
        Instant now = Instant.now();
        registry.with(name, repository -> {
            LifecyclePreviews.Preview preview = repository.preview;
            if (preview == null) {
                throw EcrError.of(
                        "LifecyclePolicyPreviewNotFoundException",
                        "There is no dry run for the "
                                + "repository with name '" + name + "' in the registry with id '" + registry.accountId()
                                + "'");
            }
            String status = preview.status(now);
            out.writeFieldName("registryId").writeValue(registry.accountId());
            out.writeFieldName("repositoryName").writeValue(name);
            out.writeFieldName("lifecyclePolicyText").writeValue(preview.policyText());
            out.writeFieldName("status").writeValue(status);
            if (!status.equals("COMPLETE")) {
                return null;
            }
            List<LifecyclePreviews.Result> results = preview.results().stream()
                    .filter(r -> tagStatus.equals("ANY") || r.image().tags.isEmpty() == tagStatus.equals("UNTAGGED"))
                    .toList();
            List<LifecyclePreviews.Result> page =
                    results.subList(Math.min(offset, results.size()), Math.min(offset + maxResults, results.size()));
            out.writeFieldName("previewResults").writeStartArray();
            for (LifecyclePreviews.Result result : page) {
                writePreviewResult(out, result);
            }
            out.writeEndArray();
            if (offset + maxResults < results.size()) {
                out.writeFieldName("nextToken").writeValue(encodeToken(Integer.toString(offset + maxResults)));
            }
            out.writeFieldName("summary").writeStartObject();
            out.writeFieldName("expiringImageTotalCount").writeValue((int) preview.results().stream()
                    .filter(r -> r.actionType().equals("expire"))
                    .count());
            out.writeFieldName("transitioningImageTotalCounts").writeStartArray();
            long archiving = preview.results().stream()
                    .filter(r -> r.actionType().equals("transition"))
                    .count();
            if (archiving > 0) {
                out.writeStartObject()
                        .writeFieldName("targetStorageClass")
                        .writeValue("ARCHIVE")
                        .writeFieldName("imageTotalCount")
                        .writeValue((int) archiving)
                        .writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
            return null;
        });
    }

    /** As ECR writes a preview result: enumerations in upper case, as its service model spells them. */
    private static void writePreviewResult(JsonWriter out, LifecyclePreviews.Result result) {
        out.writeStartObject();
        if (!result.image().tags.isEmpty()) {
            out.writeFieldName("imageTags").writeStartArray();
            result.image().tags.forEach(out::writeValue);
            out.writeEndArray();
        }
        out.writeFieldName("imageDigest").writeValue(result.image().digest);
        writeTimestamp(out, "imagePushedAt", result.image().pushedAt);
        out.writeFieldName("action")
                .writeStartObject()
                .writeFieldName("type")
                .writeValue(result.actionType().toUpperCase(java.util.Locale.ROOT));
        if (result.targetStorageClass() != null) {
            out.writeFieldName("targetStorageClass")
                    .writeValue(result.targetStorageClass().toUpperCase(java.util.Locale.ROOT));
        }
        out.writeEndObject();
        out.writeFieldName("appliedRulePriority").writeValue((int) result.rulePriority());
        out.writeFieldName("storageClass").writeValue(result.image().archived() ? "ARCHIVE" : "STANDARD");
        out.writeEndObject();
    }

    // ---- settings ----------------------------------------------------------------------------------------------

    private void putImageTagMutability(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        String mutability = Validation.mutability(request.requiredString("imageTagMutability"));
        List<ExclusionFilter> filters = Validation.exclusionFilters(
                mutability,
                request.objects("imageTagMutabilityExclusionFilters").orElse(List.of()));
        registry.with(name, repository -> {
            repository.imageTagMutability = mutability;
            repository.exclusionFilters = filters;
            return null;
        });
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("repositoryName").writeValue(name);
        out.writeFieldName("imageTagMutability").writeValue(mutability);
        writeExclusionFilters(out, filters);
    }

    private void putImageScanningConfiguration(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        boolean scanOnPush = request.object("imageScanningConfiguration")
                .orElseThrow(() -> EcrError.invalidParameter("imageScanningConfiguration", "Member must not be null"))
                .bool("scanOnPush")
                .orElse(false);
        registry.with(name, repository -> repository.scanOnPush = scanOnPush);
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("repositoryName").writeValue(name);
        out.writeFieldName("imageScanningConfiguration")
                .writeStartObject()
                .writeFieldName("scanOnPush")
                .writeValue(scanOnPush)
                .writeEndObject();
    }

    // ---- tags --------------------------------------------------------------------------------------------------

    private void tagResource(CallContext call, RequestBody request, JsonWriter out) {
        String arn = request.requiredString("resourceArn");
        Map<String, String> tags = Validation.tags(request.objects("tags")
                .orElseThrow(() -> EcrError.invalidParameter("tags", "Member must not be null")));
        withRepositoryByArn(arn, repository -> {
            Map<String, String> merged = new LinkedHashMap<>(repository.tags);
            merged.putAll(tags);
            Validation.tagCount(merged.size());
            repository.tags.putAll(tags);
            return null;
        });
    }

    private void untagResource(CallContext call, RequestBody request, JsonWriter out) {
        String arn = request.requiredString("resourceArn");
        List<String> keys = request.strings("tagKeys")
                .orElseThrow(() -> EcrError.invalidParameter("tagKeys", "Member must not be null"));
        keys.forEach(Validation::tagKey);
        withRepositoryByArn(arn, repository -> {
            keys.forEach(repository.tags::remove);
            return null;
        });
    }

    private void listTagsForResource(CallContext call, RequestBody request, JsonWriter out) {
        String arn = request.requiredString("resourceArn");
        Map<String, String> tags = withRepositoryByArn(arn, repository -> new LinkedHashMap<>(repository.tags));
        writeTags(out, tags);
    }

    private <T> T withRepositoryByArn(String arn, Function<Repository, T> action) {
        Matcher matcher = REPOSITORY_ARN.matcher(arn);
        if (!matcher.matches()) {
            throw EcrError.invalidParameter("resourceArn", "Invalid ARN '" + arn + "'");
        }
        String name = matcher.group(3);
        return registry.with(name, repository -> {
            // An ARN of another region or account names a repository the emulator does not hold.
            if (!repository.arn.equals(arn)) {
                throw EcrError.repositoryNotFound(name, matcher.group(2));
            }
            return action.apply(repository);
        });
    }

    // ---- images ------------------------------------------------------------------------------------------------

    private void describeImages(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        Optional<List<RequestBody>> ids = request.objects("imageIds");
        String tagStatus =
                request.object("filter").flatMap(f -> f.string("tagStatus")).orElse("ANY");
        if (!Set.of("TAGGED", "UNTAGGED", "ANY").contains(tagStatus)) {
            throw EcrError.invalidParameter(
                    "filter.tagStatus", "Member must satisfy enum value set: " + "[TAGGED, UNTAGGED, ANY]");
        }
        int maxResults = Validation.maxResults(request, 1000);
        int offset = request.string("nextToken")
                .map(t -> parseOffset(decodeToken(t)))
                .orElse(0);
        registry.with(name, repository -> {
            List<Image> selected = new ArrayList<>();
            if (ids.isPresent()) {
                for (RequestBody id : ids.get()) {
                    selected.add(findImage(repository, id));
                }
            } else {
                repository.images.stream()
                        .filter(image ->
                                tagStatus.equals("ANY") || image.tags.isEmpty() == tagStatus.equals("UNTAGGED"))
                        .forEach(selected::add);
            }
            List<Image> page = ids.isPresent()
                    ? selected
                    : selected.subList(
                            Math.min(offset, selected.size()), Math.min(offset + maxResults, selected.size()));
            out.writeFieldName("imageDetails").writeStartArray();
            for (Image image : page) {
                writeImageDetail(out, repository, image);
            }
            out.writeEndArray();
            if (ids.isEmpty() && offset + maxResults < selected.size()) {
                out.writeFieldName("nextToken").writeValue(encodeToken(Integer.toString(offset + maxResults)));
            }
            return null;
        });
    }

    private Image findImage(Repository repository, RequestBody id) {
        Optional<String> tag = id.string("imageTag");
        Optional<String> digest = id.string("imageDigest");
        if (tag.isEmpty() && digest.isEmpty()) {
            throw EcrError.invalidParameter("Invalid parameter at 'imageIds' failed to satisfy constraint: "
                    + "'imageId must have either an imageTag or an imageDigest'");
        }
        return repository.images.stream()
                .filter(image -> tag.map(image.tags::contains).orElse(true))
                .filter(image -> digest.map(image.digest::equals).orElse(true))
                .findFirst()
                .orElseThrow(() -> EcrError.of(
                        "ImageNotFoundException",
                        "The image with imageId {imageDigest:'"
                                + digest.orElse("null") + "', imageTag:'" + tag.orElse("null")
                                + "'} does not exist within the repository with name '" + repository.name
                                + "' in the registry with id '" + registry.accountId() + "'"));
    }

    private void batchDeleteImage(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        List<RequestBody> ids = request.objects("imageIds")
                .orElseThrow(() -> EcrError.invalidParameter("imageIds", "Member must not be null"));
        if (ids.isEmpty() || ids.size() > 100) {
            throw EcrError.invalidParameter(
                    "imageIds", "Member must have length greater than or equal to 1 and less than or equal to 100");
        }
        registry.with(name, repository -> {
            out.writeFieldName("imageIds").writeStartArray();
            List<RequestBody> failures = new ArrayList<>();
            for (RequestBody id : ids) {
                Image image;
                try {
                    image = findImage(repository, id);
                } catch (EcrError notFound) {
                    failures.add(id);
                    continue;
                }
                // Deleting by tag only untags; the image goes when no tag is left or it was named by digest.
                Optional<String> tag = id.string("imageTag");
                tag.ifPresent(image.tags::remove);
                if (tag.isEmpty() || image.tags.isEmpty()) {
                    repository.images.remove(image);
                }
                out.writeStartObject().writeFieldName("imageDigest").writeValue(image.digest);
                tag.ifPresent(t -> out.writeFieldName("imageTag").writeValue(t));
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeFieldName("failures").writeStartArray();
            for (RequestBody failure : failures) {
                out.writeStartObject().writeFieldName("imageId").writeStartObject();
                failure.string("imageDigest")
                        .ifPresent(d -> out.writeFieldName("imageDigest").writeValue(d));
                failure.string("imageTag")
                        .ifPresent(t -> out.writeFieldName("imageTag").writeValue(t));
                out.writeEndObject()
                        .writeFieldName("failureCode")
                        .writeValue("ImageNotFound")
                        .writeFieldName("failureReason")
                        .writeValue("Requested image not found")
                        .writeEndObject();
            }
            out.writeEndArray();
            return null;
        });
    }

    // ---- image scanning ----------------------------------------------------------------------------------------

    /**
     * The scan of one image on the repository's {@link ScanPlan} clock: the status, and once final, the findings
     * of the plan's fixture a page at a time (default 100, at most 1000), with the severity counts of all of them
     * (or the fixture's own counts, for a scan whose counts and list disagree).
     */
    private void describeImageScanFindings(CallContext call, RequestBody request, JsonWriter out) {
        String name = request.requiredString("repositoryName");
        checkRegistryId(request);
        RequestBody id = request.object("imageId")
                .orElseThrow(() -> EcrError.invalidParameter("imageId", "Member must not be null"));
        int maxResults = request.integer("maxResults").orElse(100);
        if (maxResults < 1 || maxResults > 1000) {
            throw EcrError.invalidParameter(
                    "maxResults",
                    "Member must have value less than or equal to 1000 and " + "greater than or equal to 1");
        }
        int offset = request.string("nextToken")
                .map(t -> parseOffset(decodeToken(t)))
                .orElse(0);
        registry.with(name, repository -> {
            Image image = findImage(repository, id);
            if (image.scanStartedAt == null) {
                throw EcrError.of(
                        "ScanNotFoundException",
                        "Image scan does not exist for the image with "
                                + "'{imageDigest:'" + id.string("imageDigest").orElse("null") + "', imageTag:'"
                                + id.string("imageTag").orElse("null") + "'}' in the repository with name '" + name
                                + "' in the registry with id '" + registry.accountId() + "'");
            }
            ScanPlan plan = registry.scanPlan(name);
            String status = plan.statusAfter(Duration.between(image.scanStartedAt, registry.now()));
            out.writeFieldName("registryId").writeValue(registry.accountId());
            out.writeFieldName("repositoryName").writeValue(name);
            out.writeFieldName("imageId")
                    .writeStartObject()
                    .writeFieldName("imageDigest")
                    .writeValue(image.digest);
            id.string("imageTag")
                    .ifPresent(tag -> out.writeFieldName("imageTag").writeValue(tag));
            out.writeEndObject();
            out.writeFieldName("imageScanStatus")
                    .writeStartObject()
                    .writeFieldName("status")
                    .writeValue(status);
            String description = plan.descriptionOf(status);
            if (description != null) {
                out.writeFieldName("description").writeValue(description);
            }
            out.writeEndObject();
            if (status.equals("COMPLETE") || status.equals("ACTIVE")) {
                writeFindings(out, plan, image, offset, maxResults);
            }
            return null;
        });
    }

    private static void writeFindings(JsonWriter out, ScanPlan plan, Image image, int offset, int maxResults) {
        ScanFixtures.Fixture fixture = ScanFixtures.get(plan.fixture());
        List<software.amazon.awssdk.protocols.jsoncore.JsonNode> all = fixture.all(plan.enhanced());
        Map<String, Integer> counts = new LinkedHashMap<>();
        all.forEach(f -> counts.merge(ScanFixtures.severity(f), 1, Integer::sum));
        Instant completedAt = image.scanStartedAt.plus(plan.pending()).plus(plan.inProgress());
        out.writeFieldName("imageScanFindings").writeStartObject();
        writeTimestamp(out, "imageScanCompletedAt", completedAt);
        writeTimestamp(out, "vulnerabilitySourceUpdatedAt", completedAt.minus(Duration.ofHours(3)));
        out.writeFieldName("findingSeverityCounts");
        if (fixture.counts().isPresent()) {
            ScanFixtures.write(out, fixture.counts().get());
        } else {
            out.writeStartObject();
            counts.forEach((severity, n) -> out.writeFieldName(severity).writeValue(n));
            out.writeEndObject();
        }
        out.writeFieldName(plan.enhanced() ? "enhancedFindings" : "findings").writeStartArray();
        all.subList(Math.min(offset, all.size()), Math.min(offset + maxResults, all.size()))
                .forEach(finding -> ScanFixtures.write(out, finding));
        out.writeEndArray();
        out.writeEndObject();
        if (offset + maxResults < all.size()) {
            out.writeFieldName("nextToken").writeValue(encodeToken(Integer.toString(offset + maxResults)));
        }
    }

    // ---- authorization -----------------------------------------------------------------------------------------

    private void getAuthorizationToken(CallContext call, RequestBody request, JsonWriter out) {
        List<String> registryIds = request.strings("registryIds").orElse(List.of(registry.accountId()));
        if (registryIds.isEmpty() || registryIds.size() > 10) {
            throw EcrError.invalidParameter(
                    "registryIds", "Member must have length greater than or equal to 1 and less than or equal to 10");
        }
        registryIds.forEach(id -> Validation.registryId(id, registry.accountId()));
        String token = Base64.getEncoder()
                .encodeToString(("AWS:" + authorizationPassword.get()).getBytes(StandardCharsets.UTF_8));
        Instant expiresAt = Instant.now().plus(TOKEN_LIFETIME);
        Optional<Optional<String>> malformed = faults.malformedToken();
        if (malformed.isPresent()) {
            token = malformed.get().orElse(null);
        }
        out.writeFieldName("authorizationData").writeStartArray();
        for (String ignored : token == null ? List.<String>of() : registryIds) {
            out.writeStartObject();
            out.writeFieldName("authorizationToken").writeValue(token);
            writeTimestamp(out, "expiresAt", expiresAt);
            out.writeFieldName("proxyEndpoint").writeValue("https://" + registry.registryHost(call.region()));
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    // ---- shared writers ----------------------------------------------------------------------------------------

    private void checkRegistryId(RequestBody request) {
        request.string("registryId").ifPresent(id -> Validation.registryId(id, registry.accountId()));
    }

    private void writeRepository(JsonWriter out, Repository repository) {
        out.writeStartObject();
        out.writeFieldName("repositoryArn").writeValue(repository.arn);
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("repositoryName").writeValue(repository.name);
        out.writeFieldName("repositoryUri").writeValue(repository.uri);
        writeTimestamp(out, "createdAt", repository.createdAt);
        out.writeFieldName("imageTagMutability").writeValue(repository.imageTagMutability);
        writeExclusionFilters(out, repository.exclusionFilters);
        out.writeFieldName("imageScanningConfiguration")
                .writeStartObject()
                .writeFieldName("scanOnPush")
                .writeValue(repository.scanOnPush)
                .writeEndObject();
        out.writeFieldName("encryptionConfiguration")
                .writeStartObject()
                .writeFieldName("encryptionType")
                .writeValue(repository.encryptionType);
        if (repository.kmsKey != null) {
            out.writeFieldName("kmsKey").writeValue(repository.kmsKey);
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    private static void writeExclusionFilters(JsonWriter out, List<ExclusionFilter> filters) {
        if (filters.isEmpty()) {
            return;
        }
        out.writeFieldName("imageTagMutabilityExclusionFilters").writeStartArray();
        for (ExclusionFilter filter : filters) {
            out.writeStartObject()
                    .writeFieldName("filterType")
                    .writeValue(filter.filterType())
                    .writeFieldName("filter")
                    .writeValue(filter.filter())
                    .writeEndObject();
        }
        out.writeEndArray();
    }

    static void writeTags(JsonWriter out, Map<String, String> tags) {
        out.writeFieldName("tags").writeStartArray();
        tags.forEach((key, value) -> out.writeStartObject()
                .writeFieldName("Key")
                .writeValue(key)
                .writeFieldName("Value")
                .writeValue(value)
                .writeEndObject());
        out.writeEndArray();
    }

    private void writeImageDetail(JsonWriter out, Repository repository, Image image) {
        out.writeStartObject();
        out.writeFieldName("registryId").writeValue(registry.accountId());
        out.writeFieldName("repositoryName").writeValue(repository.name);
        out.writeFieldName("imageDigest").writeValue(image.digest);
        if (!image.tags.isEmpty()) {
            out.writeFieldName("imageTags").writeStartArray();
            image.tags.forEach(out::writeValue);
            out.writeEndArray();
        }
        out.writeFieldName("imageSizeInBytes").writeValue(image.sizeInBytes);
        writeTimestamp(out, "imagePushedAt", image.pushedAt);
        if (image.lastPulledAt != null) {
            writeTimestamp(out, "lastRecordedPullTime", image.lastPulledAt);
        }
        out.writeFieldName("imageStatus").writeValue(image.archived() ? "ARCHIVED" : "ACTIVE");
        if (image.archived()) {
            writeTimestamp(out, "lastArchivedAt", image.archivedAt);
        }
        out.writeFieldName("imageManifestMediaType").writeValue(MANIFEST_MEDIA_TYPE);
        out.writeFieldName("artifactMediaType").writeValue(CONFIG_MEDIA_TYPE);
        out.writeEndObject();
    }

    /** AWS JSON 1.1 timestamps are epoch seconds as a JSON number, with milliseconds as the fraction. */
    static void writeTimestamp(JsonWriter out, String field, Instant instant) {
        out.writeFieldName(field)
                .writeNumber(BigDecimal.valueOf(instant.toEpochMilli(), 3).toPlainString());
    }

    static String encodeToken(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw EcrError.invalidParameter("nextToken", "Invalid pagination token");
        }
    }

    private static int parseOffset(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw EcrError.invalidParameter("nextToken", "Invalid pagination token");
        }
    }
}
