package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.scan.AcceptedFinding;
import io.github.ecrmavenplugin.scan.AcceptedFindings;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code <ignoredFinding>} of {@code <ignoredFindings>}: a finding the team accepts.
 *
 * <pre>{@code
 * <ignoredFinding>
 *   <id>CVE-2024-3094</id>
 *   <expires>2026-12-31</expires>
 *   <reason>not reachable: the service never loads liblzma</reason>
 * </ignoredFinding>
 * }</pre>
 *
 * <p>Acted on by: {@code verify-image}. It acts on each field.
 */
public class IgnoredFindingParameters {

    /** The vulnerability, as ECR names it: {@code CVE-2024-3094}, {@code GHSA-...}. */
    String id;

    /** The last day ({@code yyyy-MM-dd}) the finding is accepted; after it the finding counts again. */
    String expires;

    /** Why the finding is accepted, shown in the build log. */
    String reason;

    /** The findings {@code <ignoredFindings>} and the {@code <ignoreFile>} accept, validated. */
    static List<AcceptedFinding> accepted(List<IgnoredFindingParameters> entries, File ignoreFile)
            throws InvalidConfigurationException {
        List<AcceptedFinding> accepted = new ArrayList<>();
        for (int i = 0; entries != null && i < entries.size(); i++) {
            IgnoredFindingParameters entry = entries.get(i);
            accepted.add(
                    AcceptedFindings.of(entry.id, entry.expires, entry.reason, "<ignoredFindings> entry " + (i + 1)));
        }
        if (ignoreFile != null) {
            accepted.addAll(AcceptedFindings.read(ignoreFile.toPath()));
        }
        return accepted;
    }
}
