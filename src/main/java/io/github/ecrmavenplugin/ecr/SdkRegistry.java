package io.github.ecrmavenplugin.ecr;

import io.github.ecrmavenplugin.spec.PolicyDocument;
import io.github.ecrmavenplugin.spec.RepositorySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;

/** {@link Registry} over the AWS SDK for Java v2. */
public final class SdkRegistry implements Registry {

    private final EcrClient ecr;
    private final String registryId;

    /**
     * @param registryId the account whose registry to use; {@code null} for the caller's own
     */
    public SdkRegistry(EcrClient ecr, String registryId) {
        this.ecr = ecr;
        this.registryId = registryId;
    }

    @Override
    public Optional<Repository> describe(String name) {
        return call("DescribeRepositories", repository(name), () -> {
            try {
                return ecr.describeRepositories(r -> r.registryId(registryId).repositoryNames(name))
                        .repositories().stream().findFirst().map(SdkRegistry::toRepository);
            } catch (RepositoryNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<String> repositoryPolicy(String name) {
        return call("GetRepositoryPolicy", repository(name), () -> {
            try {
                return Optional.ofNullable(ecr.getRepositoryPolicy(r -> r.registryId(registryId)
                        .repositoryName(name)).policyText());
            } catch (RepositoryPolicyNotFoundException | RepositoryNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Repository create(RepositorySpec spec) {
        return call("CreateRepository", repository(spec.name()), () -> {
            try {
                return toRepository(ecr.createRepository(r -> r.registryId(registryId)
                        .repositoryName(spec.name())).repository());
            } catch (software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException e) {
                throw new RepositoryAlreadyExistsException(spec.name());
            }
        });
    }

    @Override
    public void setRepositoryPolicy(String name, PolicyDocument policy) {
        call("SetRepositoryPolicy", repository(name), () -> ecr.setRepositoryPolicy(r -> r.registryId(registryId)
                .repositoryName(name).policyText(policy.toJson())));
    }

    @Override
    public AuthorizationToken authorizationToken() {
        // GetAuthorizationToken is not about a repository: IAM only grants it on "*".
        return call("GetAuthorizationToken", "*", () -> {
            AuthorizationData data = ecr.getAuthorizationToken(r -> {
                if (registryId != null) {
                    r.registryIds(registryId);
                }
            }).authorizationData().get(0);
            // The token is base64("AWS:<password>").
            String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return new AuthorizationToken(decoded.substring(0, colon), decoded.substring(colon + 1),
                    data.expiresAt(), data.proxyEndpoint());
        });
    }

    private static Repository toRepository(software.amazon.awssdk.services.ecr.model.Repository r) {
        return new Repository(r.repositoryName(), r.repositoryArn(), r.repositoryUri(), r.registryId());
    }

    /** How a failure names the repository when ECR's answer does not: with the registry, when one is set. */
    private String repository(String name) {
        return "repository " + name + (registryId == null ? "" : " in registry " + registryId);
    }

    /** Runs one ECR call, turning the SDK's exceptions into a {@link RegistryException} naming the operation. */
    static <T> T call(String operation, Supplier<T> call) {
        return call(operation, null, call);
    }

    /**
     * Runs one ECR call (the SDK retries it as configured in {@link EcrClients}), turning the SDK's exceptions into
     * a {@link RegistryException} naming the operation, the resource, the last error and the attempts made.
     */
    static <T> T call(String operation, String resource, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw new RegistryException(operation, e.awsErrorDetails() == null ? null
                    : e.awsErrorDetails().errorCode(), e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage(), e.requestId(), resource, e.numAttempts(), e);
        } catch (SdkException e) {
            throw new RegistryException(operation, null, e.getMessage(), null, resource, e.numAttempts(), e);
        }
    }
}
