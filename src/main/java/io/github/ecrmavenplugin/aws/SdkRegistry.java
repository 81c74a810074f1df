package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.model.PolicyDocument;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.Severity;
import io.github.ecrmavenplugin.model.TagMutability;
import io.github.ecrmavenplugin.registry.AuthorizationToken;
import io.github.ecrmavenplugin.registry.CreationTemplate;
import io.github.ecrmavenplugin.registry.Finding;
import io.github.ecrmavenplugin.registry.Image;
import io.github.ecrmavenplugin.registry.ImageScan;
import io.github.ecrmavenplugin.registry.LifecyclePolicyPreview;
import io.github.ecrmavenplugin.registry.PullThroughCacheRule;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.RegistryScanning;
import io.github.ecrmavenplugin.registry.Replication;
import io.github.ecrmavenplugin.registry.Repository;
import io.github.ecrmavenplugin.registry.RepositoryScanning;
import io.github.ecrmavenplugin.registry.ScanningRule;
import io.github.ecrmavenplugin.registry.SigningConfiguration;
import io.github.ecrmavenplugin.registry.SigningRule;
import io.github.ecrmavenplugin.registry.SigningStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.DescribePullThroughCacheRulesResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoryCreationTemplatesResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.GetRegistryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.GetSigningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewResult;
import software.amazon.awssdk.services.ecr.model.RegistryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.RepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.RepositoryFilter;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanningRepositoryFilter;
import software.amazon.awssdk.services.ecr.model.SigningConfigurationNotFoundException;
import software.amazon.awssdk.services.ecr.model.SigningRepositoryFilter;
import software.amazon.awssdk.services.ecr.model.StartImageScanResponse;
import software.amazon.awssdk.services.ecr.model.Tag;

/** {@link Registry} over the AWS SDK for Java v2's {@link EcrClient}: one SDK call per operation. */
public final class SdkRegistry implements Registry {

    /** {@code DescribeRepositories} takes at most this many names. */
    static final int DESCRIBE_BATCH = 100;

    /** ECR names the first missing repository of a batch: "The repository with name 'x' does not exist ...". */
    private static final Pattern MISSING_NAME = Pattern.compile("repository with name '([^']+)'");

    private final EcrClient ecr;
    private final String registryId;

    /**
     * @param registryId the account whose registry to use; {@code null} for the caller's own
     */
    public SdkRegistry(EcrClient ecr, String registryId) {
        this.ecr = ecr;
        this.registryId = registryId;
    }

    /**
     * One call per 100 names when all exist, the steady state. ECR fails the whole call when one name is missing
     * and names it in the message; that name is dropped and the rest asked again, so each missing repository costs
     * one more call (only on a first build).
     */
    @Override
    public Map<String, Repository> describe(Collection<String> names) {
        List<String> all = List.copyOf(new LinkedHashSet<>(names));
        Map<String, Repository> found = new LinkedHashMap<>();
        for (int from = 0; from < all.size(); from += DESCRIBE_BATCH) {
            Set<String> batch = new LinkedHashSet<>(all.subList(from, Math.min(all.size(), from + DESCRIBE_BATCH)));
            while (!batch.isEmpty()) {
                Optional<String> missing = call("DescribeRepositories", repositories(batch), () -> {
                    try {
                        ecr.describeRepositories(r -> r.registryId(registryId).repositoryNames(batch))
                                .repositories()
                                .forEach(
                                        repository -> found.put(repository.repositoryName(), toRepository(repository)));
                        return Optional.<String>empty();
                    } catch (RepositoryNotFoundException e) {
                        return Optional.of(missingName(e, batch));
                    }
                });
                if (missing.isEmpty()) {
                    break;
                }
                batch.remove(missing.get());
            }
        }
        return found;
    }

    private static String missingName(RepositoryNotFoundException e, Set<String> batch) {
        String message = e.awsErrorDetails() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        // A message of another shape: without the name there is no telling which one is missing.
        return missingName(message, batch).orElseThrow(() -> e);
    }

    /**
     * Which name of the batch ECR's {@code RepositoryNotFoundException} is about: the one its message names, or the
     * only one asked for; empty when the message names none of them.
     */
    static Optional<String> missingName(String message, Set<String> batch) {
        Matcher matcher = MISSING_NAME.matcher(message == null ? "" : message);
        if (matcher.find() && batch.contains(matcher.group(1))) {
            return Optional.of(matcher.group(1));
        }
        if (batch.size() == 1) {
            return Optional.of(batch.iterator().next());
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> repositoryPolicy(String name) {
        return policyText(
                "GetRepositoryPolicy",
                name,
                () -> ecr.getRepositoryPolicy(r -> r.registryId(registryId).repositoryName(name))
                        .policyText(),
                RepositoryPolicyNotFoundException.class);
    }

    @Override
    public Optional<String> lifecyclePolicy(String name) {
        return policyText(
                "GetLifecyclePolicy",
                name,
                () -> ecr.getLifecyclePolicy(r -> r.registryId(registryId).repositoryName(name))
                        .lifecyclePolicyText(),
                LifecyclePolicyNotFoundException.class);
    }

    /** A policy's text; none when the repository has none, or no longer exists (another tool deleted it). */
    private Optional<String> policyText(
            String operation, String name, Supplier<String> throughSdk, Class<? extends EcrException> noPolicy) {
        return call(operation, repository(name), () -> {
            try {
                return Optional.ofNullable(throughSdk.get());
            } catch (RepositoryNotFoundException e) {
                return Optional.empty();
            } catch (EcrException e) {
                if (noPolicy.isInstance(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public Map<String, String> tags(String repositoryArn) {
        return call("ListTagsForResource", repositoryArn, () -> {
            Map<String, String> tags = new LinkedHashMap<>();
            ecr.listTagsForResource(r -> r.resourceArn(repositoryArn))
                    .tags()
                    .forEach(tag -> tags.put(tag.key(), tag.value()));
            return tags;
        });
    }

    @Override
    public boolean imageTagExists(String name, String tag) {
        return call("DescribeImages", repository(name), () -> {
            try {
                return !ecr.describeImages(r ->
                                r.registryId(registryId).repositoryName(name).imageIds(id -> id.imageTag(tag)))
                        .imageDetails()
                        .isEmpty();
            } catch (ImageNotFoundException e) {
                return false;
            }
        });
    }

    @Override
    public Optional<Image> image(String name, String tagOrDigest) {
        boolean digest = tagOrDigest.startsWith("sha256:");
        return call("DescribeImages", repository(name), () -> {
            try {
                return ecr
                        .describeImages(r -> r.registryId(registryId)
                                .repositoryName(name)
                                .imageIds(id -> {
                                    if (digest) {
                                        id.imageDigest(tagOrDigest);
                                    } else {
                                        id.imageTag(tagOrDigest);
                                    }
                                }))
                        .imageDetails()
                        .stream()
                        .findFirst()
                        .map(d -> new Image(
                                d.repositoryName(),
                                d.imageDigest(),
                                d.imageTags(),
                                d.imageSizeInBytes() == null ? 0 : d.imageSizeInBytes(),
                                d.imagePushedAt()));
            } catch (ImageNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** Reads every page at ECR's largest page size: an image can have thousands of findings. */
    @Override
    public Optional<ImageScan> imageScan(String name, String digest) {
        return call("DescribeImageScanFindings", repository(name), () -> {
            try {
                String status = null;
                String description = null;
                List<Finding> findings = new ArrayList<>();
                List<Map<Severity, Long>> counted = new ArrayList<>();
                for (DescribeImageScanFindingsResponse page :
                        ecr.describeImageScanFindingsPaginator(r -> r.registryId(registryId)
                                .repositoryName(name)
                                .imageId(id -> id.imageDigest(digest))
                                .maxResults(ScanFindings.PAGE_SIZE))) {
                    if (page.imageScanStatus() != null) {
                        status = page.imageScanStatus().statusAsString();
                        description = page.imageScanStatus().description();
                    }
                    findings.addAll(ScanFindings.of(page.imageScanFindings()));
                    counted.add(ScanFindings.counted(page.imageScanFindings()));
                }
                return Optional.of(new ImageScan(
                        status,
                        Optional.ofNullable(description).filter(d -> !d.isBlank()),
                        findings,
                        ScanFindings.unlisted(counted, findings)));
            } catch (ScanNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Repository create(RepositorySpec spec) {
        return call("CreateRepository", repository(spec.name()), () -> {
            CreateRepositoryRequest.Builder request =
                    CreateRepositoryRequest.builder().registryId(registryId).repositoryName(spec.name());
            spec.tagMutability()
                    .ifPresent(m ->
                            request.imageTagMutability(m.mode().name()).imageTagMutabilityExclusionFilters(filters(m)));
            spec.scanOnPush().ifPresent(scan -> request.imageScanningConfiguration(c -> c.scanOnPush(scan)));
            spec.encryption()
                    .ifPresent(e -> request.encryptionConfiguration(c ->
                            c.encryptionType(e.type().name()).kmsKey(e.kmsKey().orElse(null))));
            spec.tags().filter(tags -> !tags.isEmpty()).ifPresent(tags -> request.tags(toTags(tags)));
            try {
                return toRepository(ecr.createRepository(request.build()).repository());
            } catch (software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException e) {
                throw new RepositoryAlreadyExistsException(spec.name());
            }
        });
    }

    @Override
    public void setRepositoryPolicy(String name, PolicyDocument policy, boolean force) {
        call(
                "SetRepositoryPolicy",
                repository(name),
                () -> ecr.setRepositoryPolicy(r -> r.registryId(registryId)
                        .repositoryName(name)
                        .policyText(policy.toJson())
                        .force(force ? Boolean.TRUE : null)));
    }

    @Override
    public void setLifecyclePolicy(String name, LifecyclePolicy policy) {
        call(
                "PutLifecyclePolicy",
                repository(name),
                () -> ecr.putLifecyclePolicy(
                        r -> r.registryId(registryId).repositoryName(name).lifecyclePolicyText(policy.toJson())));
    }

    @Override
    public void startLifecyclePolicyPreview(String name, LifecyclePolicy policy) {
        call(
                "StartLifecyclePolicyPreview",
                repository(name),
                () -> ecr.startLifecyclePolicyPreview(
                        r -> r.registryId(registryId).repositoryName(name).lifecyclePolicyText(policy.toJson())));
    }

    /** Reads every page of the results: ECR gives at most 100 a page. */
    @Override
    public LifecyclePolicyPreview lifecyclePolicyPreview(String name) {
        return call("GetLifecyclePolicyPreview", repository(name), () -> {
            List<LifecyclePolicyPreview.Result> results = new ArrayList<>();
            String status = null;
            String token = null;
            do {
                String page = token;
                GetLifecyclePolicyPreviewResponse response = ecr.getLifecyclePolicyPreview(
                        r -> r.registryId(registryId).repositoryName(name).nextToken(page));
                status = response.statusAsString();
                response.previewResults().forEach(result -> results.add(toResult(result)));
                token = response.nextToken();
            } while (token != null && "COMPLETE".equals(status));
            return new LifecyclePolicyPreview(status == null ? "UNKNOWN" : status, results);
        });
    }

    private static LifecyclePolicyPreview.Result toResult(LifecyclePolicyPreviewResult result) {
        String action = result.action() == null || result.action().typeAsString() == null
                ? "?"
                : result.action().typeAsString().toLowerCase(Locale.ROOT);
        String target = result.action() == null || result.action().targetStorageClassAsString() == null
                ? null
                : result.action().targetStorageClassAsString().toLowerCase(Locale.ROOT);
        return new LifecyclePolicyPreview.Result(
                result.imageDigest(),
                result.imageTags(),
                result.imagePushedAt(),
                result.appliedRulePriority() == null ? 0 : result.appliedRulePriority(),
                action,
                target);
    }

    @Override
    public void setTagMutability(String name, TagMutability mutability) {
        call(
                "PutImageTagMutability",
                repository(name),
                () -> ecr.putImageTagMutability(r -> r.registryId(registryId)
                        .repositoryName(name)
                        .imageTagMutability(mutability.mode().name())
                        .imageTagMutabilityExclusionFilters(filters(mutability))));
    }

    @Override
    public void setScanOnPush(String name, boolean scanOnPush) {
        call(
                "PutImageScanningConfiguration",
                repository(name),
                () -> ecr.putImageScanningConfiguration(r -> r.registryId(registryId)
                        .repositoryName(name)
                        .imageScanningConfiguration(c -> c.scanOnPush(scanOnPush))));
    }

    @Override
    public void tag(String repositoryArn, Map<String, String> tags) {
        call(
                "TagResource",
                repositoryArn,
                () -> ecr.tagResource(r -> r.resourceArn(repositoryArn).tags(toTags(tags))));
    }

    @Override
    public void untag(String repositoryArn, Collection<String> keys) {
        call(
                "UntagResource",
                repositoryArn,
                () -> ecr.untagResource(r -> r.resourceArn(repositoryArn).tagKeys(keys)));
    }

    @Override
    public AuthorizationToken authorizationToken() {
        // GetAuthorizationToken is not about a repository: IAM only grants it on "*".
        return call(
                "GetAuthorizationToken",
                null,
                () -> token(ecr.getAuthorizationToken(r -> {
                            if (registryId != null) {
                                r.registryIds(registryId);
                            }
                        })
                        .authorizationData()));
    }

    @Override
    public List<CreationTemplate> creationTemplates() {
        // A registry-level read: IAM grants it on "*", and ECR answers it for the caller's own registry only.
        return call("DescribeRepositoryCreationTemplates", null, () -> {
            List<CreationTemplate> templates = new ArrayList<>();
            for (DescribeRepositoryCreationTemplatesResponse page :
                    ecr.describeRepositoryCreationTemplatesPaginator(r -> {})) {
                checkSameRegistry("DescribeRepositoryCreationTemplates", page.registryId());
                page.repositoryCreationTemplates().forEach(t -> templates.add(toTemplate(t)));
            }
            return templates;
        });
    }

    @Override
    public List<PullThroughCacheRule> pullThroughCacheRules() {
        return call("DescribePullThroughCacheRules", null, () -> {
            List<PullThroughCacheRule> rules = new ArrayList<>();
            for (DescribePullThroughCacheRulesResponse page :
                    ecr.describePullThroughCacheRulesPaginator(r -> r.registryId(registryId))) {
                page.pullThroughCacheRules()
                        .forEach(rule -> rules.add(
                                new PullThroughCacheRule(rule.ecrRepositoryPrefix(), rule.upstreamRegistryUrl())));
            }
            return rules;
        });
    }

    @Override
    public Replication replication() {
        return call("DescribeRegistry", null, () -> {
            DescribeRegistryResponse answer = ecr.describeRegistry(r -> {});
            checkSameRegistry("DescribeRegistry", answer.registryId());
            if (answer.replicationConfiguration() == null) {
                return Replication.NONE;
            }
            return new Replication(answer.replicationConfiguration().rules().stream()
                    .map(rule -> new Replication.Rule(
                            rule.destinations().stream()
                                    .map(d -> new Replication.Destination(d.region(), d.registryId()))
                                    .toList(),
                            rule.repositoryFilters().stream()
                                    .map(RepositoryFilter::filter)
                                    .toList()))
                    .toList());
        });
    }

    @Override
    public RegistryScanning registryScanning() {
        // Registry-level reads name no resource: IAM grants them on "*".
        return call("GetRegistryScanningConfiguration", null, () -> {
            GetRegistryScanningConfigurationResponse answer = ecr.getRegistryScanningConfiguration(r -> {});
            checkSameRegistry("GetRegistryScanningConfiguration", answer.registryId());
            RegistryScanningConfiguration configuration = answer.scanningConfiguration();
            if (configuration == null) {
                return new RegistryScanning("BASIC", List.of());
            }
            return new RegistryScanning(
                    configuration.scanTypeAsString() == null ? "BASIC" : configuration.scanTypeAsString(),
                    configuration.rules().stream()
                            .map(rule -> new ScanningRule(
                                    rule.scanFrequencyAsString(),
                                    rule.repositoryFilters().stream()
                                            .map(ScanningRepositoryFilter::filter)
                                            .toList()))
                            .toList());
        });
    }

    @Override
    public Optional<RepositoryScanning> repositoryScanning(String name) {
        return call("BatchGetRepositoryScanningConfiguration", repository(name), () -> {
            Optional<RepositoryScanningConfiguration> found = ecr
                    .batchGetRepositoryScanningConfiguration(r -> r.repositoryNames(name))
                    .scanningConfigurations()
                    .stream()
                    .filter(c -> name.equals(c.repositoryName()))
                    .findFirst();
            // ECR answers for the caller's own registry; the repository's ARN names its account.
            found.map(RepositoryScanningConfiguration::repositoryArn)
                    .map(arn -> arn.split(":", 6))
                    .filter(parts -> parts.length == 6)
                    .ifPresent(parts -> checkSameRegistry("BatchGetRepositoryScanningConfiguration", parts[4]));
            return found.map(c -> new RepositoryScanning(
                    name,
                    c.scanFrequencyAsString() == null ? "MANUAL" : c.scanFrequencyAsString(),
                    c.appliedScanFilters().stream()
                            .map(ScanningRepositoryFilter::filter)
                            .toList()));
        });
    }

    @Override
    public String startImageScan(String name, String digest) {
        return call("StartImageScan", repository(name), () -> {
            StartImageScanResponse answer = ecr.startImageScan(
                    r -> r.registryId(registryId).repositoryName(name).imageId(id -> id.imageDigest(digest)));
            return answer.imageScanStatus() == null || answer.imageScanStatus().statusAsString() == null
                    ? "IN_PROGRESS"
                    : answer.imageScanStatus().statusAsString();
        });
    }

    @Override
    public List<SigningStatus> signingStatuses(String name, String digest) {
        return call(
                "DescribeImageSigningStatus",
                repository(name),
                () -> ecr
                        .describeImageSigningStatus(r ->
                                r.registryId(registryId).repositoryName(name).imageId(id -> id.imageDigest(digest)))
                        .signingStatuses()
                        .stream()
                        .map(s -> new SigningStatus(
                                s.signingProfileArn(),
                                s.statusAsString() == null ? "UNKNOWN" : s.statusAsString(),
                                Optional.ofNullable(s.failureCode()),
                                Optional.ofNullable(s.failureReason())))
                        .toList());
    }

    @Override
    public Optional<SigningConfiguration> signingConfiguration() {
        return call("GetSigningConfiguration", null, () -> {
            try {
                GetSigningConfigurationResponse answer = ecr.getSigningConfiguration(r -> {});
                checkSameRegistry("GetSigningConfiguration", answer.registryId());
                List<SigningRule> rules = answer.signingConfiguration() == null
                        ? List.of()
                        : answer.signingConfiguration().rules().stream()
                                .map(rule -> new SigningRule(
                                        rule.signingProfileArn(),
                                        rule.repositoryFilters().stream()
                                                .map(SigningRepositoryFilter::filter)
                                                .toList()))
                                .toList();
                return Optional.of(new SigningConfiguration(rules));
            } catch (SigningConfigurationNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** A registry-level answer is about the caller's registry: it must be the one the build works in. */
    private void checkSameRegistry(String operation, String answeredFor) {
        if (registryId != null && answeredFor != null && !registryId.equals(answeredFor)) {
            throw new OtherRegistryException(operation, answeredFor, registryId);
        }
    }

    private static CreationTemplate toTemplate(RepositoryCreationTemplate t) {
        Map<String, String> tags = new LinkedHashMap<>();
        t.resourceTags().forEach(tag -> tags.put(tag.key(), tag.value()));
        return new CreationTemplate(
                t.prefix(),
                Optional.ofNullable(t.description()).filter(d -> !d.isBlank()),
                new LinkedHashSet<>(t.appliedForAsStrings()),
                Optional.ofNullable(t.imageTagMutabilityAsString())
                        .map(mode -> TagMutability.fromRegistry(
                                mode,
                                t.imageTagMutabilityExclusionFilters().stream()
                                        .map(ImageTagMutabilityExclusionFilter::filter)
                                        .toList())),
                Optional.ofNullable(t.encryptionConfiguration())
                        .map(e -> Encryption.fromRegistry(
                                e.encryptionTypeAsString(),
                                e.kmsKey() == null || e.kmsKey().isEmpty() ? null : e.kmsKey())),
                tags,
                Optional.ofNullable(t.repositoryPolicy()).filter(p -> !p.isBlank()),
                Optional.ofNullable(t.lifecyclePolicy()).filter(p -> !p.isBlank()),
                Optional.ofNullable(t.customRoleArn()).filter(r -> !r.isBlank()));
    }

    /** The token of the SDK's answer; an answer of another shape is reported as what it is (see below). */
    static AuthorizationToken token(List<AuthorizationData> answer) {
        if (answer == null || answer.isEmpty() || answer.get(0).authorizationToken() == null) {
            throw unexpectedToken("no authorization data");
        }
        AuthorizationData data = answer.get(0);
        return parseToken(data.authorizationToken(), data.expiresAt(), data.proxyEndpoint());
    }

    /**
     * ECR's token is base64("AWS:&lt;password&gt;"). An answer of another shape (not base64, no colon, no expiry) is
     * reported as what it is, never with the token's text, which is a secret.
     */
    static AuthorizationToken parseToken(String base64, Instant expiresAt, String proxyEndpoint) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unexpectedToken("a token that is not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            throw unexpectedToken("a token that is not of the form <user>:<password>");
        }
        if (expiresAt == null) {
            throw unexpectedToken("a token without an expiry");
        }
        return new AuthorizationToken(
                decoded.substring(0, colon), decoded.substring(colon + 1), expiresAt, proxyEndpoint);
    }

    private static RegistryException unexpectedToken(String what) {
        return RegistryException.of(
                RegistryException.Kind.FAILED,
                new RegistryException.Call("GetAuthorizationToken", null, null),
                "ECR answered with " + what + "; check that <endpoint> is an ECR endpoint, and try again",
                RegistryException.Answer.NONE,
                null);
    }

    /** No filters is sent as no list at all: ECR rejects an empty list for the modes without exclusions. */
    private static List<ImageTagMutabilityExclusionFilter> filters(TagMutability mutability) {
        if (mutability.exclusionFilters().isEmpty()) {
            return null;
        }
        return mutability.exclusionFilters().stream()
                .map(f -> ImageTagMutabilityExclusionFilter.builder()
                        .filterType("WILDCARD")
                        .filter(f)
                        .build())
                .toList();
    }

    private static List<Tag> toTags(Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        tags.forEach(
                (key, value) -> list.add(Tag.builder().key(key).value(value).build()));
        return list;
    }

    private static Repository toRepository(software.amazon.awssdk.services.ecr.model.Repository r) {
        TagMutability mutability = TagMutability.fromRegistry(
                r.imageTagMutabilityAsString() == null ? "MUTABLE" : r.imageTagMutabilityAsString(),
                r.imageTagMutabilityExclusionFilters().stream()
                        .map(ImageTagMutabilityExclusionFilter::filter)
                        .toList());
        boolean scanOnPush = r.imageScanningConfiguration() != null
                && Boolean.TRUE.equals(r.imageScanningConfiguration().scanOnPush());
        Encryption encryption = r.encryptionConfiguration() == null
                ? Encryption.fromRegistry("AES256", null)
                : Encryption.fromRegistry(
                        r.encryptionConfiguration().encryptionTypeAsString(),
                        r.encryptionConfiguration().kmsKey());
        return new Repository(
                r.repositoryName(),
                r.repositoryArn(),
                r.repositoryUri(),
                r.registryId(),
                mutability,
                scanOnPush,
                encryption);
    }

    /** How a failure names the repository when ECR's answer does not: with the registry, when one is set. */
    private String repository(String name) {
        return "repository " + name + (registryId == null ? "" : " in registry " + registryId);
    }

    private String repositories(Collection<String> names) {
        return names.size() == 1
                ? repository(names.iterator().next())
                : "repositories " + String.join(", ", names) + (registryId == null ? "" : " in registry " + registryId);
    }

    /**
     * Runs one ECR call (the SDK retries it as configured in {@link EcrClients}), turning the SDK's exceptions into
     * a {@link RegistryException} naming the operation, the resource, what went wrong and the attempts made.
     */
    <T> T call(String operation, String resource, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw SdkFailures.of(operation, resource, ecr.serviceClientConfiguration(), e);
        }
    }
}
