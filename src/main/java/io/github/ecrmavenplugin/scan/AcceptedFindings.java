package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads accepted findings from the POM's entries and from an ignore file, one finding a line:
 *
 * <pre>
 * # vulnerability   last day     reason
 * CVE-2024-3094     2026-12-31   not reachable: the service never loads liblzma
 * GHSA-xxxx-yyyy-zz              accepted by the security team (SEC-142)
 * </pre>
 */
public final class AcceptedFindings {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private AcceptedFindings() {}

    /** One entry of the POM; {@code expires} as {@code yyyy-MM-dd}, or blank. */
    public static AcceptedFinding of(String id, String expires, String reason, String origin)
            throws InvalidConfigurationException {
        if (id == null || id.isBlank() || id.trim().contains(" ")) {
            throw new InvalidConfigurationException(
                    "ignoredFindings",
                    "each entry needs an <id> without spaces, "
                            + "the vulnerability to accept, e.g. <id>CVE-2024-3094</id> (" + origin + ")");
        }
        return new AcceptedFinding(id.trim(), expiry(expires, origin), reason == null ? "" : reason.trim(), origin);
    }

    /** The lines of an ignore file; blank lines and {@code #} comments are skipped. */
    public static List<AcceptedFinding> parse(List<String> lines, String fileName)
            throws InvalidConfigurationException {
        List<AcceptedFinding> accepted = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            String origin = fileName + " line " + (i + 1);
            boolean dated = parts.length > 1 && DATE.matcher(parts[1]).matches();
            String reason = dated
                    ? (parts.length > 2 ? parts[2] : "")
                    : line.substring(parts[0].length()).strip();
            accepted.add(of(parts[0], dated ? parts[1] : null, reason, origin));
        }
        return accepted;
    }

    private static Optional<LocalDate> expiry(String expires, String origin) throws InvalidConfigurationException {
        if (expires == null || expires.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(expires.trim()));
        } catch (DateTimeParseException e) {
            throw new InvalidConfigurationException(
                    "ignoredFindings",
                    "'" + expires.trim() + "' is not a date; "
                            + "write the last day the finding is accepted as yyyy-MM-dd, e.g. 2026-12-31 (" + origin
                            + ")");
        }
    }
}
