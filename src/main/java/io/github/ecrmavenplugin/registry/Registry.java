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

    /** Replaces the repository policy. */
    void setRepositoryPolicy(String name, PolicyDocument policy);

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

    /** The account whose registry this is, when it was named ({@code registryId}); empty for the caller's own. */
    Optional<String> registryId();

    /**
     * The scanning configuration of the caller's own registry ({@code GetRegistryScanningConfiguration}): ECR takes
     * no registry ID for it, and names the registry it answers for.
     */
    RegistryScanning registryScanning();

    /**
     * How ECR scans the repository of the caller's own registry ({@code BatchGetRepositoryScanningConfiguration}):
     * ECR takes no registry ID for it either. Empty when the registry has no such repository.
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
     * The signing configuration of the caller's own registry ({@code GetSigningConfiguration}, which takes no
     * registry ID); empty when it has none.
     */
    Optional<SigningConfiguration> signingConfiguration();

    /** Thrown by {@link #create} when the repository exists already, e.g. created by a parallel build. */
    final class RepositoryAlreadyExistsException extends RuntimeException {
        public RepositoryAlreadyExistsException(String name) {
            super("repository " + name + " already exists");
        }
    }
}
