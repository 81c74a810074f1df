package io.github.ecrmavenplugin.scan;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A finding the team has accepted: it does not fail the build until {@code expires} (inclusive), if given.
 *
 * @param id      the vulnerability, e.g. {@code CVE-2024-3094}
 * @param expires the last day it is accepted; empty for no end
 * @param reason  why it is accepted, for the log and the next reader
 * @param origin  where it was declared, e.g. {@code pom.xml <ignoredFindings>} or {@code .ecr-ignore line 3}
 */
public record AcceptedFinding(String id, Optional<LocalDate> expires, String reason, String origin) {

    public boolean expiredOn(LocalDate today) {
        return expires.isPresent() && today.isAfter(expires.get());
    }
}
