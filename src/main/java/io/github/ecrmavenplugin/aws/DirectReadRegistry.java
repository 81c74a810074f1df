package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.registry.AuthorizationToken;

import io.github.ecrmavenplugin.registry.RegistryException;

import io.github.ecrmavenplugin.registry.Repository;

import io.github.ecrmavenplugin.registry.Registry;

import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.model.PolicyDocument;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.TagMutability;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link Registry} whose reads go straight to ECR's JSON API over a {@link DirectRoute}, so that a build whose
 * repository is already as declared (the steady state of almost every build) never starts the AWS SDK's client.
 *
 * <p>Only two kinds of answer are taken from the direct call: a success, and the "not found" that the read
 * expects. Any other outcome (a throttle, a 5xx, a refused signature, a missing permission, a dropped connection,
 * an answer it cannot read) hands that read to the SDK's registry, which then makes the call again with its retries
 * and reports a failure as it would without this class (counting the direct attempt among the attempts made). A
 * direct read waits at most the connection's attempt time-out before the SDK takes over. Writes always go through
 * the SDK: they only happen when something changes, where the SDK's start-up is not what a build waits for.
 */
public final class DirectReadRegistry implements Registry {

    private final EcrJsonApi api;
    private final String registryId;
    private final Supplier<Registry> sdk;
    private final Consumer<String> debug;

    /**
     * @param registryId the account whose registry to use; {@code null} for the caller's own
     * @param sdk        the SDK's registry for the same settings, asked for only when needed (the caller makes it
     *                   build the client once)
     */
    DirectReadRegistry(EcrJsonApi api, String registryId, Supplier<Registry> sdk, Consumer<String> debug) {
        this.api = api;
        this.registryId = registryId;
        this.sdk = sdk;
        this.debug = debug;
    }

    /**
     * One call for up to 100 names when all exist. A missing name makes ECR fail the whole call, naming it; that
     * name is dropped and the rest asked again, as {@link SdkRegistry} does.
     */
    @Override
    public Map<String, Repository> describe(Collection<String> names) {
        Set<String> batch = new LinkedHashSet<>(names);
        if (batch.size() > SdkRegistry.DESCRIBE_BATCH) {
            return sdk.get().describe(names);
        }
        Map<String, Repository> found = new LinkedHashMap<>();
        while (!batch.isEmpty()) {
            Optional<Optional<String>> missing = direct("DescribeRepositories",
                    withRegistry(Map.of("repositoryNames", List.copyOf(batch))), answer -> {
                        if (answer.succeeded()) {
                            for (Object item : list(answer.body().get("repositories"))) {
                                Repository repository = toRepository(object(item));
                                found.put(repository.name(), repository);
                            }
                            return Optional.of(Optional.empty());
                        }
                        return answer.failedWith("RepositoryNotFoundException")
                                ? SdkRegistry.missingName(answer.errorMessage().orElse(null), batch).map(Optional::of)
                                : Optional.empty();
                    });
            if (missing.isEmpty()) {
                return throughSdk(() -> sdk.get().describe(names));
            }
            if (missing.get().isEmpty()) {
                break;
            }
            batch.remove(missing.get().get());
        }
        return found;
    }

    @Override
    public Optional<String> repositoryPolicy(String name) {
        return direct("GetRepositoryPolicy", withRegistry(Map.of("repositoryName", name)), answer -> answer.succeeded()
                ? Optional.of(Optional.ofNullable(string(answer.body().get("policyText"))))
                : answer.failedWith("RepositoryPolicyNotFoundException", "RepositoryNotFoundException")
                        ? Optional.of(Optional.<String>empty()) : Optional.empty())
                .orElseGet(() -> throughSdk(() -> sdk.get().repositoryPolicy(name)));
    }

    @Override
    public Optional<String> lifecyclePolicy(String name) {
        return direct("GetLifecyclePolicy", withRegistry(Map.of("repositoryName", name)), answer -> answer.succeeded()
                ? Optional.of(Optional.ofNullable(string(answer.body().get("lifecyclePolicyText"))))
                : answer.failedWith("LifecyclePolicyNotFoundException", "RepositoryNotFoundException")
                        ? Optional.of(Optional.<String>empty()) : Optional.empty())
                .orElseGet(() -> throughSdk(() -> sdk.get().lifecyclePolicy(name)));
    }

    @Override
    public Map<String, String> tags(String repositoryArn) {
        return direct("ListTagsForResource", Map.of("resourceArn", repositoryArn), answer -> {
            if (!answer.succeeded()) {
                return Optional.<Map<String, String>>empty();
            }
            Map<String, String> tags = new LinkedHashMap<>();
            for (Object item : list(answer.body().get("tags"))) {
                Map<String, Object> tag = object(item);
                tags.put(required(tag, "Key"), string(tag.get("Value")));
            }
            return Optional.of(tags);
        }).orElseGet(() -> throughSdk(() -> sdk.get().tags(repositoryArn)));
    }

    @Override
    public boolean imageTagExists(String name, String tag) {
        return direct("DescribeImages", withRegistry(Map.of("repositoryName", name,
                        "imageIds", List.of(Map.of("imageTag", tag)))),
                answer -> answer.succeeded() ? Optional.of(!list(answer.body().get("imageDetails")).isEmpty())
                        : answer.failedWith("ImageNotFoundException") ? Optional.of(false) : Optional.<Boolean>empty())
                .orElseGet(() -> throughSdk(() -> sdk.get().imageTagExists(name, tag)));
    }

    @Override
    public AuthorizationToken authorizationToken() {
        Map<String, Object> request = registryId == null ? Map.of() : Map.of("registryIds", List.of(registryId));
        return direct("GetAuthorizationToken", request, answer -> {
            if (!answer.succeeded()) {
                return Optional.<AuthorizationToken>empty();
            }
            Map<String, Object> data = object(list(answer.body().get("authorizationData")).get(0));
            // The token is base64("AWS:<password>").
            String decoded = new String(Base64.getDecoder().decode(required(data, "authorizationToken")),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.<AuthorizationToken>empty();
            }
            return Optional.of(new AuthorizationToken(decoded.substring(0, colon), decoded.substring(colon + 1),
                    epochSeconds(data.get("expiresAt")), string(data.get("proxyEndpoint"))));
        }).orElseGet(() -> throughSdk(() -> sdk.get().authorizationToken()));
    }

    /** Read by verify-image once per build, after the push: not worth a direct route of its own. */
    @Override
    public Optional<io.github.ecrmavenplugin.registry.Image> image(String name, String tagOrDigest) {
        return sdk.get().image(name, tagOrDigest);
    }

    @Override
    public Optional<io.github.ecrmavenplugin.registry.ImageScan> imageScan(String name, String digest) {
        return sdk.get().imageScan(name, digest);
    }

    @Override
    public Repository create(RepositorySpec spec) {
        return sdk.get().create(spec);
    }

    @Override
    public void setRepositoryPolicy(String name, PolicyDocument policy) {
        sdk.get().setRepositoryPolicy(name, policy);
    }

    @Override
    public void setLifecyclePolicy(String name, LifecyclePolicy policy) {
        sdk.get().setLifecyclePolicy(name, policy);
    }

    @Override
    public void startLifecyclePolicyPreview(String name, LifecyclePolicy policy) {
        sdk.get().startLifecyclePolicyPreview(name, policy);
    }

    @Override
    public io.github.ecrmavenplugin.registry.LifecyclePolicyPreview lifecyclePolicyPreview(String name) {
        return sdk.get().lifecyclePolicyPreview(name);
    }

    @Override
    public void setTagMutability(String name, TagMutability mutability) {
        sdk.get().setTagMutability(name, mutability);
    }

    @Override
    public void setScanOnPush(String name, boolean scanOnPush) {
        sdk.get().setScanOnPush(name, scanOnPush);
    }

    @Override
    public void tag(String repositoryArn, Map<String, String> tags) {
        sdk.get().tag(repositoryArn, tags);
    }

    @Override
    public void untag(String repositoryArn, Collection<String> keys) {
        sdk.get().untag(repositoryArn, keys);
    }

    /**
     * One direct call and what {@code understand} takes from its answer; empty (said at debug level) when there is
     * no answer, or none it takes: the caller then asks the SDK.
     */
    private <T> Optional<T> direct(String operation, Map<String, Object> request,
            Function<EcrJsonApi.Answer, Optional<T>> understand) {
        String outcome;
        long start = System.nanoTime();
        try {
            EcrJsonApi.Answer answer = api.call(operation, request);
            outcome = "HTTP " + answer.status() + answer.errorType().map(type -> " " + type).orElse("");
            debug.accept("ECR " + operation + " (direct): " + outcome + " in " + (System.nanoTime() - start)
                    / 1_000_000 + " ms");
            Optional<T> result = understand.apply(answer);
            if (result.isPresent()) {
                return result;
            }
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            // An answer of a shape this class does not know: the SDK's model reads it, or explains it.
            outcome = "an answer it cannot read (" + e.getMessage() + ")";
        }
        debug.accept("ECR " + operation + " on the direct route got " + outcome + "; asking through the AWS SDK");
        return Optional.empty();
    }

    /**
     * A read made again through the SDK after the direct attempt; when it fails for good, the failure counts the
     * direct attempt too, so that "failed after N attempts" tells how often ECR was asked.
     */
    private static <T> T throughSdk(Supplier<T> read) {
        try {
            return read.get();
        } catch (RegistryException e) {
            throw e.afterOneMoreAttempt();
        }
    }

    private Map<String, Object> withRegistry(Map<String, Object> request) {
        if (registryId == null) {
            return request;
        }
        Map<String, Object> withRegistry = new LinkedHashMap<>();
        withRegistry.put("registryId", registryId);
        withRegistry.putAll(request);
        return withRegistry;
    }

    /** As {@code SdkRegistry} maps the SDK's model, with ECR's defaults for absent fields. */
    private static Repository toRepository(Map<String, Object> r) {
        String mode = string(r.get("imageTagMutability"));
        List<String> filters = list(r.get("imageTagMutabilityExclusionFilters")).stream()
                .map(filter -> string(object(filter).get("filter"))).toList();
        TagMutability mutability = TagMutability.fromRegistry(mode == null ? "MUTABLE" : mode, filters);
        Object scanning = r.get("imageScanningConfiguration");
        boolean scanOnPush = scanning != null && Boolean.TRUE.equals(object(scanning).get("scanOnPush"));
        Object encryption = r.get("encryptionConfiguration");
        Encryption encryptionAtRest = encryption == null ? Encryption.fromRegistry("AES256", null)
                : Encryption.fromRegistry(string(object(encryption).get("encryptionType")),
                        string(object(encryption).get("kmsKey")));
        return new Repository(required(r, "repositoryName"), required(r, "repositoryArn"),
                required(r, "repositoryUri"), required(r, "registryId"), mutability, scanOnPush, encryptionAtRest);
    }

    /** ECR sends timestamps as seconds since the epoch, with a fraction. */
    private static Instant epochSeconds(Object value) {
        BigDecimal seconds = (BigDecimal) value;
        return Instant.ofEpochSecond(seconds.longValue(),
                seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("expected a JSON object");
    }

    private static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("expected a JSON array");
    }

    private static String string(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        // Values are not quoted: the answer may hold a token.
        throw new IllegalArgumentException("expected a JSON string");
    }

    private static String required(Map<String, Object> object, String field) {
        String value = string(object.get(field));
        if (value == null) {
            throw new IllegalArgumentException("no " + field + " in the answer");
        }
        return value;
    }
}
