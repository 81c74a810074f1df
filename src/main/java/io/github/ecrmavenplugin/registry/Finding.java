package io.github.ecrmavenplugin.registry;

import io.github.ecrmavenplugin.model.Severity;
import java.util.Optional;

/**
 * One vulnerability in one package of an image, the same whether basic or enhanced scanning found it.
 *
 * @param id             the vulnerability, e.g. {@code CVE-2024-3094}; {@link #NO_ID} when ECR names none
 * @param severity       how bad ECR rates it
 * @param packageName    the affected package, when ECR names it
 * @param packageVersion the installed version, when ECR gives it
 * @param fixedIn        the version that fixes it (enhanced scanning only)
 * @param link           where to read about it
 * @param description    ECR's description, or empty
 * @param scanType       {@code BASIC} or {@code ENHANCED}: which scanning reported it
 * @param unknownSeverity the severity ECR gave, when this plugin does not know it (ECR added it): the finding is
 *                        listed as {@link Severity#UNDEFINED}, and no threshold can rank it; empty otherwise
 */
public record Finding(
        String id,
        Severity severity,
        Optional<String> packageName,
        Optional<String> packageVersion,
        Optional<String> fixedIn,
        Optional<String> link,
        Optional<String> description,
        String scanType,
        Optional<String> unknownSeverity) {

    /**
     * The id of a finding ECR reported without a name (basic) or a vulnerability id and title (enhanced): it is still
     * a finding, gated by its severity; no acceptance by id covers it.
     */
    public static final String NO_ID = "(no id)";

    public Finding {
        id = id == null || id.isBlank() ? NO_ID : id.strip();
    }

    /** A finding of a severity this plugin knows. */
    public Finding(
            String id,
            Severity severity,
            Optional<String> packageName,
            Optional<String> packageVersion,
            Optional<String> fixedIn,
            Optional<String> link,
            Optional<String> description,
            String scanType) {
        this(id, severity, packageName, packageVersion, fixedIn, link, description, scanType, Optional.empty());
    }

    public boolean hasId() {
        return !id.equals(NO_ID);
    }

    /** {@code name version}, or what of them is known. */
    public String packageLabel() {
        return (packageName.orElse("?") + packageVersion.map(v -> " " + v).orElse(""));
    }
}
