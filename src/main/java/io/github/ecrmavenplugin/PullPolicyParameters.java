package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.model.PullPolicy;
import java.util.List;

/**
 * The {@code <pullPolicy>} element of the POM: who may pull images from the repository.
 *
 * <pre>{@code
 * <pullPolicy>
 *   <accounts><account>123456789012</account></accounts>
 *   <principals><principal>arn:aws:iam::123456789012:role/deployer</principal></principals>
 *   <organizations><organization>o-a1b2c3d4e5</organization></organizations>
 *   <lambdaAccounts><lambdaAccount>123456789012</lambdaAccount></lambdaAccounts>
 * </pullPolicy>
 * }</pre>
 *
 * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}. Checked, not acted on, by: {@code verify-image},
 * {@code warm-up}. {@code ensure-repository} acts on each field; {@code print-iam-policy} on the element as a whole,
 * since any pull policy needs the same permissions.
 */
public class PullPolicyParameters {

    /** AWS account IDs (12 digits); each is granted as {@code arn:aws:iam::<id>:root}. */
    private List<String> accounts;

    /** IAM role or user ARNs, or {@code *} for everyone (which needs {@code allowPublicAccess}). */
    private List<String> principals;

    /** AWS Organizations IDs ({@code o-...}); every principal in them may pull. */
    private List<String> organizations;

    /**
     * AWS service principals, e.g. {@code ecs-tasks.amazonaws.com}. Without a source condition any AWS customer's
     * use of the service could pull (the build warns); for Lambda, prefer {@code lambdaAccounts}.
     */
    private List<String> services;

    /**
     * AWS account IDs whose Lambda functions may run this repository's images: renders AWS's documented pair, the
     * accounts' principal and {@code lambda.amazonaws.com} limited to functions of those accounts in the region.
     */
    private List<String> lambdaAccounts;

    PullPolicy toPullPolicy() {
        return new PullPolicy(
                orEmpty(accounts),
                orEmpty(principals),
                orEmpty(organizations),
                orEmpty(services),
                orEmpty(lambdaAccounts));
    }

    private static List<String> orEmpty(List<String> list) {
        // an empty element (<account/>) arrives as null: keep it, so validation names it
        return list == null
                ? List.of()
                : list.stream().map(s -> s == null ? "" : s).toList();
    }
}
