package io.github.ecrmavenplugin.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The emulated registry: all repositories of one account.
 *
 * <p>Every read and write goes through this object's monitor. Operations are tiny, so one lock costs nothing and
 * makes each ECR operation atomic, which is what real ECR guarantees (e.g. of two parallel CreateRepository calls
 * for one name exactly one succeeds). Repositories are kept in name order so that paging is stable.
 */
final class EmulatedRegistry {

    private final String accountId;
    private final String registryHost; // null: derive the real ECR host from the region
    private final Map<String, Repository> repositories = new TreeMap<>();
    private final Map<String, ScanPlan> scanPlans = new LinkedHashMap<>(); // by repository name
    private ScanPlan defaultScanPlan = ScanPlan.DEFAULT;
    /** The registry's scanning and signing configurations, and the signing of each image pushed. */
    final RegistryRules rules = new RegistryRules();

    private long imageCounter;
    private final java.time.Clock clock; // when images are pushed, and how far their scans are

    EmulatedRegistry(String accountId, String registryHost) {
        this(accountId, registryHost, java.time.Clock.systemUTC());
    }

    EmulatedRegistry(String accountId, String registryHost, java.time.Clock clock) {
        this.accountId = accountId;
        this.registryHost = registryHost;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    String accountId() {
        return accountId;
    }

    /** The host of the docker registry, as it appears in repository URIs and the auth token's proxy endpoint. */
    String registryHost(String region) {
        return registryHost != null ? registryHost : accountId + ".dkr.ecr." + region + ".amazonaws.com";
    }

    Repository newRepository(String name, String region) {
        return new Repository(
                name,
                "arn:aws:ecr:" + region + ":" + accountId + ":repository/" + name,
                registryHost(region) + "/" + name,
                Instant.now());
    }

    /** Adds the repository unless one of that name exists; answers whether it was added. */
    synchronized boolean add(Repository repository) {
        return repositories.putIfAbsent(repository.name, repository) == null;
    }

    synchronized void put(Repository repository) {
        repositories.put(repository.name, repository);
    }

    synchronized Optional<Repository> remove(String name) {
        return Optional.ofNullable(repositories.remove(name));
    }

    /** Runs {@code action} on the named repository under the registry lock. */
    synchronized <T> T with(String name, Function<Repository, T> action) {
        Repository repository = repositories.get(name);
        if (repository == null) {
            throw EcrError.repositoryNotFound(name, accountId);
        }
        return action.apply(repository);
    }

    synchronized <T> T withAll(Function<List<Repository>, T> action) {
        return action.apply(List.copyOf(repositories.values()));
    }

    synchronized Optional<RepositoryState> snapshot(String name) {
        return Optional.ofNullable(repositories.get(name)).map(Repository::snapshot);
    }

    synchronized List<RepositoryState> snapshots() {
        return repositories.values().stream().map(Repository::snapshot).toList();
    }

    synchronized void clear() {
        repositories.clear();
        scanPlans.clear();
        defaultScanPlan = ScanPlan.DEFAULT;
        rules.clear();
    }

    /** How images of this repository are scanned from now on; a null name sets it for every repository. */
    synchronized void scanPlan(String repositoryName, ScanPlan plan) {
        if (repositoryName == null) {
            defaultScanPlan = plan;
        } else {
            scanPlans.put(repositoryName, plan);
        }
    }

    synchronized ScanPlan scanPlan(String repositoryName) {
        return scanPlans.getOrDefault(repositoryName, defaultScanPlan);
    }

    /** Adds an image with the tag, taking the tag away from any other image in the repository as a push does. */
    synchronized Image addImage(String repositoryName, String tag, String digest) {
        return addImage(repositoryName, tag, digest, null);
    }

    /**
     * As {@link #addImage(String, String, String)}, with the size a push reported ({@code null}: a made-up one).
     * A new image is scanned when ECR scans the repository's pushed images (its own scan on push, or the registry's
     * scanning rules, see {@link RegistryRules#effective}) or its scan plan is enhanced scanning's; and signed by
     * the registry's signing rules that cover the repository.
     */
    synchronized Image addImage(String repositoryName, String tag, String digest, Long size) {
        return with(repositoryName, repository -> {
            String imageDigest = digest != null ? digest : syntheticDigest(repositoryName, tag);
            if (tag != null) {
                repository.images.forEach(image -> image.tags.remove(tag));
            }
            Image image = repository.images.stream()
                    .filter(i -> i.digest.equals(imageDigest))
                    .findFirst()
                    .orElseGet(() -> {
                        Image created = new Image(
                                imageDigest, clock.instant(), size != null ? size : 1024L * (10 + imageCounter % 90));
                        if (rules.effective(repositoryName, repository.scanOnPush)
                                        .scansOnPush()
                                || scanPlan(repositoryName).enhanced()) {
                            created.scanStartedAt = created.pushedAt;
                        }
                        rules.pushed(repositoryName, imageDigest, created.pushedAt);
                        repository.images.add(created);
                        return created;
                    });
            if (tag != null) {
                image.tags.add(tag);
            }
            return image;
        });
    }

    /**
     * Adds an image with these tags and dates, as if pushed at {@code pushedAt} (taking its tags off other images),
     * last pulled at {@code lastPulledAt} and archived at {@code archivedAt} ({@code null}: never).
     */
    synchronized Image addImage(
            String repositoryName, List<String> tags, Instant pushedAt, Instant lastPulledAt, Instant archivedAt) {
        return with(repositoryName, repository -> {
            repository.images.forEach(image -> image.tags.removeAll(tags));
            Image image = new Image(
                    syntheticDigest(repositoryName, String.join(",", tags)),
                    pushedAt,
                    1024L * (10 + imageCounter % 90));
            image.tags.addAll(tags);
            image.lastPulledAt = lastPulledAt;
            image.archivedAt = archivedAt;
            repository.images.add(image);
            return image;
        });
    }

    private String syntheticDigest(String repositoryName, String tag) {
        String seed = repositoryName + ":" + tag + ":" + (++imageCounter);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One repository's mutable state; touched only under the registry lock. */
    static final class Repository extends RepositoryConfiguration {
        final String name;
        final String arn;
        final String uri;
        final Instant createdAt;
        final List<Image> images = new ArrayList<>();
        /** The last lifecycle policy preview started, or {@code null}. */
        LifecyclePreviews.Preview preview;

        Repository(String name, String arn, String uri, Instant createdAt) {
            this.name = name;
            this.arn = arn;
            this.uri = uri;
            this.createdAt = createdAt;
        }

        RepositoryState snapshot() {
            Set<String> imageTags = new LinkedHashSet<>();
            images.forEach(image -> imageTags.addAll(image.tags));
            return new RepositoryState(
                    name,
                    arn,
                    uri,
                    createdAt,
                    imageTagMutability,
                    exclusionFilters,
                    scanOnPush,
                    encryptionType,
                    kmsKey,
                    policyText,
                    lifecyclePolicyText,
                    tags,
                    imageTags);
        }
    }

    /**
     * An image: seeded by a test, or pushed to the docker registry, which notifies the emulator. An archived image is
     * in ECR's archive storage class ({@code imageStatus} {@code ARCHIVED}).
     */
    static final class Image {
        final String digest;
        final Instant pushedAt;
        final long sizeInBytes;
        final Set<String> tags = new LinkedHashSet<>();
        /** When the image was last pulled, or {@code null} when never. */
        Instant lastPulledAt;
        /** When the image was moved to the archive storage class, or {@code null} while it is active. */
        Instant archivedAt;

        Instant scanStartedAt; // null: never scanned

        Image(String digest, Instant pushedAt, long sizeInBytes) {
            this.digest = digest;
            this.pushedAt = pushedAt;
            this.sizeInBytes = sizeInBytes;
        }

        boolean archived() {
            return archivedAt != null;
        }
    }
}
