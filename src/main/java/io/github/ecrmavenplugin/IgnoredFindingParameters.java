package io.github.ecrmavenplugin;

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
 */
public class IgnoredFindingParameters {

    /** The vulnerability, as ECR names it: {@code CVE-2024-3094}, {@code GHSA-...}. */
    String id;

    /** The last day ({@code yyyy-MM-dd}) the finding is accepted; after it the finding counts again. */
    String expires;

    /** Why the finding is accepted, shown in the build log. */
    String reason;
}
