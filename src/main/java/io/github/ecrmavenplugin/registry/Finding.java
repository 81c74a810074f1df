package io.github.ecrmavenplugin.registry;

import io.github.ecrmavenplugin.model.Severity;
import java.util.Optional;

/**
 * One vulnerability in one package of an image, the same whether basic or enhanced scanning found it.
 *
 * @param id             the vulnerability, e.g. {@code CVE-2024-3094}
 * @param severity       how bad ECR rates it
 * @param packageName    the affected package, when ECR names it
 * @param packageVersion the installed version, when ECR gives it
 * @param fixedIn        the version that fixes it (enhanced scanning only)
 * @param link           where to read about it
 * @param description    ECR's description, or empty
 * @param scanType       {@code BASIC} or {@code ENHANCED}: which scanning reported it
 */
public record Finding(
        String id,
        Severity severity,
        Optional<String> packageName,
        Optional<String> packageVersion,
        Optional<String> fixedIn,
        Optional<String> link,
        Optional<String> description,
        String scanType) {

    /** {@code name version}, or what of them is known. */
    public String packageLabel() {
        return (packageName.orElse("?") + packageVersion.map(v -> " " + v).orElse(""));
    }
}
