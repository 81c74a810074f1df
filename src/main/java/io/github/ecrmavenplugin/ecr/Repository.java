package io.github.ecrmavenplugin.ecr;

/**
 * A repository as ECR reports it.
 *
 * @param name       repository name
 * @param arn        repository ARN
 * @param uri        {@code <registry host>/<name>}, what {@code docker push} and Jib take
 * @param registryId the account that owns the registry
 */
public record Repository(String name, String arn, String uri, String registryId) {

    /** The registry host, e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}. */
    public String registryHost() {
        int slash = uri.indexOf('/');
        return slash < 0 ? uri : uri.substring(0, slash);
    }
}
