package io.github.ecrmavenplugin.registry;

import io.github.ecrmavenplugin.model.LifecyclePolicy;
import io.github.ecrmavenplugin.model.PolicyDocument;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.model.TagMutability;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin's view of an ECR registry, in its own words. Every method is one ECR call, except
 * {@link #describe(Collection)}, which batches; failures surface as {@link RegistryException}. Implementations are
 * thread-safe: reads are issued concurrently.
 */
public interface Registry {

    /** The repository, or empty when it does not exist. */
    default Optional<Repository> describe(String name) {
        return Optional.ofNullable(describe(List.of(name)).get(name));
    }

    /**
     * The repositories of these names that exist, by name; a missing one is simply absent from the answer. Reads
     * many names with few calls ({@code DescribeRepositories} takes up to 100 names).
     */
    Map<String, Repository> describe(Collection<String> names);

    /** The repository policy text as ECR stores it, or empty when there is none (or no repository). */
    Optional<String> repositoryPolicy(String name);

    /** The lifecycle policy text as ECR stores it, or empty when there is none (or no repository). */
    Optional<String> lifecyclePolicy(String name);

    /** The repository's tags ({@code ListTagsForResource}). */
    Map<String, String> tags(String repositoryArn);

    /** Whether an image with this tag exists in the repository ({@code DescribeImages}). */
    boolean imageTagExists(String name, String tag);

    /**
     * The image with this tag, or of this digest ({@code sha256:...}); empty when the repository has none
     * ({@code DescribeImages}).
     */
    Optional<Image> image(String name, String tagOrDigest);

    /**
     * The image's scan status and, once complete, all its findings ({@code DescribeImageScanFindings}, every page);
     * empty when ECR has no scan of it (ECR does not scan it by itself, or the scan has not started).
     */
    Optional<ImageScan> imageScan(String name, String digest);

    /**
     * Creates the repository with the settings ECR accepts at creation: tag mutability, scan on push, encryption
     * and tags.
     *
     * @throws RepositoryAlreadyExistsException when someone else created it first
     */
    Repository create(RepositorySpec spec);

    /**
     * Replaces the repository policy.
     *
     * @param force ECR's {@code force}: set a policy that would stop anyone from setting another one
     */
    void setRepositoryPolicy(String name, PolicyDocument policy, boolean force);

    /** Replaces the lifecycle policy. */
    void setLifecyclePolicy(String name, LifecyclePolicy policy);

    void setTagMutability(String name, TagMutability mutability);

    void setScanOnPush(String name, boolean scanOnPush);

    /** Adds or overwrites these tags; others stay. */
    void tag(String repositoryArn, Map<String, String> tags);

    /** Removes the tags with these keys. */
    void untag(String repositoryArn, Collection<String> keys);

    /**
     * Asks ECR what {@code policy} would do to the repository's images now ({@code StartLifecyclePolicyPreview});
     * applies nothing. The answer comes from {@link #lifecyclePolicyPreview}, once complete.
     */
    void startLifecyclePolicyPreview(String name, LifecyclePolicy policy);

    /** The state of the last preview started, with all its results once complete ({@code GetLifecyclePolicyPreview}). */
    LifecyclePolicyPreview lifecyclePolicyPreview(String name);

    /** Docker credentials for this registry ({@code GetAuthorizationToken}). */
    AuthorizationToken authorizationToken();

    /** The registry's repository creation templates ({@code DescribeRepositoryCreationTemplates}, every page). */
    List<CreationTemplate> creationTemplates();

    /** The registry's pull through cache rules ({@code DescribePullThroughCacheRules}, every page). */
    List<PullThroughCacheRule> pullThroughCacheRules();

    /** The registry's replication configuration ({@code DescribeRegistry}); {@link Replication#NONE} when none. */
    Replication replication();

    /**
     * Thrown by a read of the registry's own settings that ECR answers for the caller's registry only
     * ({@code DescribeRepositoryCreationTemplates}, {@code DescribeRegistry}, the scanning and signing
     * configurations) when the build works in another
     * account's registry ({@code registryId}): the answer would be about the wrong registry.
     */
    final class OtherRegistryException extends RuntimeException {
        public OtherRegistryException(String operation, String callersRegistry, String registry) {
            super("ECR's " + operation + " answers for the caller's own registry (" + callersRegistry
                    + "), not for registry " + registry);
        }
    }

    /**
     * The registry's scanning configuration ({@code GetRegistryScanningConfiguration}), which ECR answers for the
     * caller's own registry only.
     *
     * @throws OtherRegistryException when the build works in another account's registry
     */
    RegistryScanning registryScanning();

    /**
     * How ECR scans the repository ({@code BatchGetRepositoryScanningConfiguration}), which ECR answers for the
     * caller's own registry only; empty when it has no such repository.
     *
     * @throws OtherRegistryException when the build works in another account's registry
     */
    Optional<RepositoryScanning> repositoryScanning(String name);

    /**
     * Starts a basic scan of the image ({@code StartImageScan}), which ECR allows once a day per image; answers the
     * scan's status.
     */
    String startImageScan(String name, String digest);

    /**
     * ECR's signing of the image, one status per signing profile that signs it ({@code DescribeImageSigningStatus});
     * empty when no signing rule covered the repository when the image was pushed.
     */
    List<SigningStatus> signingStatuses(String name, String digest);

    /**
     * The registry's signing configuration ({@code GetSigningConfiguration}), which ECR answers for the caller's own
     * registry only; empty when it has none.
     *
     * @throws OtherRegistryException when the build works in another account's registry
     */
    Optional<SigningConfiguration> signingConfiguration();

    /** Thrown by {@link #create} when the repository exists already, e.g. created by a parallel build. */
    final class RepositoryAlreadyExistsException extends RuntimeException {
        public RepositoryAlreadyExistsException(String name) {
            super("repository " + name + " already exists");
        }
    }
}
