package io.github.ecrmavenplugin.ecr;

import io.github.ecrmavenplugin.spec.PolicyDocument;
import io.github.ecrmavenplugin.spec.RepositorySpec;
import java.util.Optional;

/**
 * The plugin's view of an ECR registry, in its own words. Every method is one ECR call; failures surface as
 * {@link RegistryException}. Implementations are thread-safe: reads are issued concurrently.
 */
public interface Registry {

    /** The repository, or empty when it does not exist. */
    Optional<Repository> describe(String name);

    /** The repository policy text as ECR stores it, or empty when there is none (or no repository). */
    Optional<String> repositoryPolicy(String name);

    /**
     * Creates the repository with the settings ECR accepts at creation.
     *
     * @throws RepositoryAlreadyExistsException when someone else created it first
     */
    Repository create(RepositorySpec spec);

    /** Replaces the repository policy. */
    void setRepositoryPolicy(String name, PolicyDocument policy);

    /** Docker credentials for this registry ({@code GetAuthorizationToken}). */
    AuthorizationToken authorizationToken();

    /** Thrown by {@link #create} when the repository exists already, e.g. created by a parallel build. */
    final class RepositoryAlreadyExistsException extends RuntimeException {
        public RepositoryAlreadyExistsException(String name) {
            super("repository " + name + " already exists");
        }
    }
}
