package io.github.ecrmavenplugin.registry;

import io.github.ecrmavenplugin.model.Encryption;
import io.github.ecrmavenplugin.model.TagMutability;
import java.util.Optional;

/**
 * A repository as ECR reports it.
 *
 * @param name          repository name
 * @param arn           repository ARN
 * @param uri           {@code <registry host>/<name>}, what {@code docker push} and Jib take
 * @param registryId    the account that owns the registry
 * @param tagMutability tag mutability and its exclusion filters
 * @param scanOnPush    whether images are scanned on push
 * @param encryption    encryption at rest
 */
public record Repository(
        String name,
        String arn,
        String uri,
        String registryId,
        TagMutability tagMutability,
        boolean scanOnPush,
        Encryption encryption) {

    /** A repository with ECR's default settings: mutable tags, no scan on push, AES256. */
    public Repository(String name, String arn, String uri, String registryId) {
        this(
                name,
                arn,
                uri,
                registryId,
                TagMutability.DEFAULT,
                false,
                new Encryption(Encryption.Type.AES256, Optional.empty()));
    }

    /**
     * The same repository as an image builder reaches it over IPv6 too: at ECR's dual-stack registry host,
     * {@code <registry-id>.dkr-ecr.<region>.on.aws} ({@code on.amazonwebservices.com.cn} in China), the region
     * read from the repository's ARN. ECR answers pushes and pulls there, with the same authorization token.
     */
    public Repository atDualStackHost() {
        String region = arn.split(":", 6)[3];
        String domain = region.startsWith("cn-") ? "on.amazonwebservices.com.cn" : "on.aws";
        return new Repository(
                name,
                arn,
                registryId + ".dkr-ecr." + region + "." + domain + "/" + name,
                registryId,
                tagMutability,
                scanOnPush,
                encryption);
    }

    /** The registry host, e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}. */
    public String registryHost() {
        int slash = uri.indexOf('/');
        return slash < 0 ? uri : uri.substring(0, slash);
    }
}
