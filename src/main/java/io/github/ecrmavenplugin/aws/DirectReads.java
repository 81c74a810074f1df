package io.github.ecrmavenplugin.aws;

import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.model.TagMutability;
import io.github.ecrmavenplugin.registry.AuthorizationToken;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.Repository;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * ECR's reads sent straight to its JSON API over a {@link DirectRoute}: a layer under {@link SdkRegistry}, which
 * asks it first and makes the call through the SDK's client only when this answers nothing, so that a build whose
 * repository is already as declared (the steady state of almost every build) never starts that client.
 *
 * <p>Each read returns what it took from the answer, or empty. Only two kinds of answer are taken: a success, and
 * the "not found" that the read expects. Any other outcome (a throttle, a 5xx, a refused signature, a missing
 * permission, a dropped connection, an answer it cannot read) is empty, and {@link SdkRegistry} makes the call
 * again with the SDK's retries and explanations. A direct read waits at most the connection's attempt time-out.
 */
final class DirectReads {

    private final EcrJsonApi api;
    private final Consumer<String> debug;

    DirectReads(EcrJsonApi api, Consumer<String> debug) {
        this.api = api;
        this.debug = debug;
    }

    /**
     * One {@code DescribeRepositories} for a batch: empty when the answer is not taken; else the name ECR says is
     * missing (the call then found nothing), or none, with what it found put in {@code found}.
     */
    @SuppressWarnings("OptionalMapToOptional") // the outer Optional says whether the answer is taken at all
    Optional<Optional<String>> describe(String registryId, Set<String> batch, Map<String, Repository> found) {
        return direct(
                "DescribeRepositories",
                withRegistry(registryId, Map.of("repositoryNames", List.copyOf(batch))),
                answer -> {
                    if (answer.succeeded()) {
                        for (Object item : list(answer.body().get("repositories"))) {
                            Repository repository = toRepository(object(item));
                            found.put(repository.name(), repository);
                        }
                        return Optional.of(Optional.empty());
                    }
                    return answer.failedWith("RepositoryNotFoundException")
                            ? SdkRegistry.missingName(answer.errorMessage().orElse(null), batch)
                                    .map(Optional::of)
                            : Optional.empty();
                });
    }

    Optional<Optional<String>> repositoryPolicy(String registryId, String name) {
        return policyText("GetRepositoryPolicy", registryId, name, "policyText", "RepositoryPolicyNotFoundException");
    }

    Optional<Optional<String>> lifecyclePolicy(String registryId, String name) {
        return policyText(
                "GetLifecyclePolicy", registryId, name, "lifecyclePolicyText", "LifecyclePolicyNotFoundException");
    }

    /** A repository's policy of one kind: its text, or none when ECR says it (or the repository) is not there. */
    private Optional<Optional<String>> policyText(
            String operation, String registryId, String name, String field, String notFound) {
        return direct(
                operation,
                withRegistry(registryId, Map.of("repositoryName", name)),
                answer -> answer.succeeded()
                        ? Optional.of(Optional.ofNullable(string(answer.body().get(field))))
                        : answer.failedWith(notFound, "RepositoryNotFoundException")
                                ? Optional.of(Optional.<String>empty())
                                : Optional.empty());
    }

    Optional<Map<String, String>> tags(String repositoryArn) {
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
        });
    }

    Optional<Boolean> imageTagExists(String registryId, String name, String tag) {
        return direct(
                "DescribeImages",
                withRegistry(registryId, Map.of("repositoryName", name, "imageIds", List.of(Map.of("imageTag", tag)))),
                answer -> answer.succeeded()
                        ? Optional.of(!list(answer.body().get("imageDetails")).isEmpty())
                        : answer.failedWith("ImageNotFoundException") ? Optional.of(false) : Optional.<Boolean>empty());
    }

    Optional<AuthorizationToken> authorizationToken(String registryId) {
        Map<String, Object> request = registryId == null ? Map.of() : Map.of("registryIds", List.of(registryId));
        return direct("GetAuthorizationToken", request, answer -> {
            if (!answer.succeeded()) {
                return Optional.<AuthorizationToken>empty();
            }
            Map<String, Object> data =
                    object(list(answer.body().get("authorizationData")).get(0));
            return SdkRegistry.token(
                    required(data, "authorizationToken"),
                    epochSeconds(data.get("expiresAt")),
                    string(data.get("proxyEndpoint")));
        });
    }

    /**
     * One direct call and what {@code understand} takes from its answer; empty (said at debug level) when there is
     * no answer, or none it takes: the caller then asks the SDK.
     */
    private <T> Optional<T> direct(
            String operation, Map<String, Object> request, Function<EcrJsonApi.Answer, Optional<T>> understand) {
        String outcome;
        long start = System.nanoTime();
        try {
            EcrJsonApi.Answer answer = api.call(operation, request);
            outcome = "HTTP " + answer.status()
                    + answer.errorType().map(type -> " " + type).orElse("");
            debug.accept("ECR " + operation + " (direct): " + outcome + " in " + (System.nanoTime() - start) / 1_000_000
                    + " ms");
            if (answer.status() == 407) {
                // A proxy that wants credentials refuses the SDK's call alike, and asking again cannot help.
                throw new RegistryException(
                        operation,
                        null,
                        RegistryException.Kind.PROXY_REFUSED,
                        "a proxy on the way demanded credentials (HTTP 407)",
                        null,
                        null,
                        1,
                        null);
            }
            Optional<T> result = understand.apply(answer);
            if (result.isPresent()) {
                return result;
            }
        } catch (IOException e) {
            if (Retries.hopeless(e)) {
                debug.accept("ECR " + operation + " (direct): " + e.getClass().getSimpleName() + ", which any "
                        + "attempt meets alike");
                throw new Hopeless(api.endpoint(), e);
            }
            outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (RegistryException answered) {
            throw answered;
        } catch (RuntimeException e) {
            // An answer of a shape this class does not know: the SDK's model reads it, or explains it.
            outcome = "an answer it cannot read (" + e.getMessage() + ")";
        }
        debug.accept("ECR " + operation + " on the direct route got " + outcome + "; asking through the AWS SDK");
        return Optional.empty();
    }

    /** A failure that the SDK's client would meet alike: {@link SdkRegistry} reports it without asking again. */
    static final class Hopeless extends RuntimeException {
        private final String endpoint;

        Hopeless(String endpoint, IOException cause) {
            super(cause.getMessage(), cause);
            this.endpoint = endpoint;
        }

        /** Where the call went, e.g. {@code https://api.ecr.eu-west-1.amazonaws.com}. */
        String endpoint() {
            return endpoint;
        }
    }

    private static Map<String, Object> withRegistry(String registryId, Map<String, Object> request) {
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
                .map(filter -> string(object(filter).get("filter")))
                .toList();
        TagMutability mutability = TagMutability.fromRegistry(mode == null ? "MUTABLE" : mode, filters);
        Object scanning = r.get("imageScanningConfiguration");
        boolean scanOnPush =
                scanning != null && Boolean.TRUE.equals(object(scanning).get("scanOnPush"));
        Object encryption = r.get("encryptionConfiguration");
        Encryption encryptionAtRest = encryption == null
                ? Encryption.fromRegistry("AES256", null)
                : Encryption.fromRegistry(
                        string(object(encryption).get("encryptionType")),
                        string(object(encryption).get("kmsKey")));
        return new Repository(
                required(r, "repositoryName"),
                required(r, "repositoryArn"),
                required(r, "repositoryUri"),
                required(r, "registryId"),
                mutability,
                scanOnPush,
                encryptionAtRest);
    }

    /** ECR sends timestamps as seconds since the epoch, with a fraction. */
    private static Instant epochSeconds(Object value) {
        BigDecimal seconds = (BigDecimal) value;
        return Instant.ofEpochSecond(
                seconds.longValue(),
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
