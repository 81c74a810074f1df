package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.RegistryScanning;
import io.github.ecrmavenplugin.registry.Repository;
import io.github.ecrmavenplugin.registry.RepositoryScanning;
import java.util.Optional;

/**
 * Whether ECR scans a repository's pushed images by itself, as the registry's scanning configuration and the
 * repository's own {@code scanOnPush} decide together ({@code GetRegistryScanningConfiguration},
 * {@code BatchGetRepositoryScanningConfiguration}); read only when an image has no scan.
 *
 * @param kind what ECR does with the repository's images
 * @param why  the setting that decides it, in words for the build log
 */
record ScanCoverage(Kind kind, String why) {

    /** What ECR does with an image pushed to the repository. */
    enum Kind {
        /** Scans it on push (or continuously): a scan is coming. */
        ON_PUSH,
        /** Basic scanning scans it only on request ({@code StartImageScan}). */
        ON_REQUEST,
        /** Enhanced scanning leaves it out, and a request cannot scan it either. */
        NEVER
    }

    /**
     * How ECR scans the repository. The registry-level configuration is the caller's own registry's only: for an
     * image in another account's registry, or when the build may not read it, the repository's {@code scanOnPush}
     * is all there is to go by.
     */
    static ScanCoverage of(Registry ecr, Repository repository, BuildLog log) {
        RegistryScanning registry;
        Optional<RepositoryScanning> scanning;
        try {
            registry = ecr.registryScanning();
            scanning = ecr.repositoryScanning(repository.name());
        } catch (Registry.OtherRegistryException e) {
            return ownSetting(repository, "the registry's scanning configuration can only be read from its account");
        } catch (RegistryException e) {
            if (!e.isAccessDenied()) {
                throw e;
            }
            log.warn()
                    .accept("Cannot read how ECR scans repository " + repository.name() + ": the build may not call "
                            + e.iamAction() + " (mvn ecr:print-iam-policy lists it); going by its own scanOnPush");
            return ownSetting(repository, e.iamAction() + " is denied");
        }
        String name = repository.name();
        if (scanning.isPresent() && scanning.get().scansPushedImages()) {
            return new ScanCoverage(
                    Kind.ON_PUSH,
                    scanning.get().appliedFilters().isEmpty()
                            ? "repository " + name + " scans on push"
                            : "the registry's rule " + scanning.get().frequency() + " for "
                                    + String.join(", ", scanning.get().appliedFilters()) + " covers repository "
                                    + name);
        }
        if (registry.enhanced()) {
            return new ScanCoverage(
                    Kind.NEVER,
                    "no rule of the registry's enhanced scanning covers repository " + name + " (" + registry + ")");
        }
        return new ScanCoverage(
                Kind.ON_REQUEST,
                registry.decides()
                        ? "no rule of the registry's basic scanning covers repository " + name + " (" + registry + ")"
                        : "repository " + name + " does not scan on push and the registry has no scanning rules");
    }

    private static ScanCoverage ownSetting(Repository repository, String unread) {
        return repository.scanOnPush()
                ? new ScanCoverage(Kind.ON_PUSH, "repository " + repository.name() + " scans on push (" + unread + ")")
                : new ScanCoverage(
                        Kind.ON_REQUEST, "repository " + repository.name() + " does not scan on push (" + unread + ")");
    }
}
