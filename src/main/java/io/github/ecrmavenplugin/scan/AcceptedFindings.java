package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>The second field is the last day when it starts with a digit or with a month's name and a number, and then it
 * must be an ISO date: a date written otherwise ({@code 2020/01/31}, {@code 31.01.2020}, {@code Dec-31-2026}) fails
 * the build rather than become the start of a reason and leave the entry without an end. A reason starts with a
 * word.
 */
public final class AcceptedFindings {

    /** A date written with the month's name first, e.g. {@code Dec-31-2026} or {@code January.2027}. */
    private static final Pattern MONTH_FIRST =
            Pattern.compile("(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-/., ]?\\d.*");

    private static final String DATE_FORM = "write the last day the finding is accepted as yyyy-MM-dd, e.g. 2026-12-31";

    private AcceptedFindings() {}

    /** One entry of the POM; {@code expires} as {@code yyyy-MM-dd}, or blank. */
    public static AcceptedFinding of(String id, String expires, String reason, String origin)
            throws InvalidConfigurationException {
        return of("ignoredFindings", id, expires, reason, origin, origin);
    }

    /** The entries of an ignore file ({@code ignoreFile}). */
    public static List<AcceptedFinding> read(Path file) throws InvalidConfigurationException {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new InvalidConfigurationException(
                    "ignoreFile",
                    "cannot read " + file + " (" + e.getMessage()
                            + "); check the path, or drop <ignoreFile> (-Decr.ignoreFile)");
        }
    }

    /** The lines of an ignore file; blank lines and {@code #} comments are skipped. */
    static List<AcceptedFinding> parse(List<String> lines, Path file) throws InvalidConfigurationException {
        List<AcceptedFinding> accepted = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            boolean dated = parts.length > 1 && looksLikeADate(parts[1]);
            String reason = dated
                    ? (parts.length > 2 ? parts[2] : "")
                    : line.substring(parts[0].length()).strip();
            String name = file.getFileName() + " line " + (i + 1);
            accepted.add(of("ignoreFile", parts[0], dated ? parts[1] : null, reason, name, file + " line " + (i + 1)));
        }
        return accepted;
    }

    /** Whether the second field of a line was meant as its last day, however it is written. */
    private static boolean looksLikeADate(String field) {
        return Character.isDigit(field.charAt(0)) || MONTH_FIRST.matcher(field).matches();
    }

    /**
     * @param origin where the entry is declared, for the build log
     * @param where  the same, as a failure names it
     */
    private static AcceptedFinding of(
            String parameter, String id, String expires, String reason, String origin, String where)
            throws InvalidConfigurationException {
        if (id == null || id.isBlank() || id.strip().contains(" ")) {
            throw new InvalidConfigurationException(
                    parameter,
                    "each entry needs an id without spaces, the vulnerability to accept, e.g. CVE-2024-3094 (" + where
                            + ")");
        }
        return new AcceptedFinding(
                id.strip(), expiry(parameter, expires, where), reason == null ? "" : reason.strip(), origin);
    }

    private static Optional<LocalDate> expiry(String parameter, String expires, String where)
            throws InvalidConfigurationException {
        if (expires == null || expires.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(expires.strip()));
        } catch (DateTimeParseException e) {
            throw new InvalidConfigurationException(
                    parameter, "'" + expires.strip() + "' is not a date (" + where + "); " + DATE_FORM);
        }
    }
}
