package io.github.ecrmavenplugin.registry;

import java.util.List;
import java.util.Optional;

/**
 * The registry's scanning configuration ({@code GetRegistryScanningConfiguration}).
 *
 * @param scanType   {@code BASIC} or {@code ENHANCED} (Amazon Inspector), or a type ECR adds
 * @param rules      its rules; none for a registry that leaves scanning to each repository's {@code scanOnPush}
 */
public record RegistryScanning(String scanType, List<ScanningRule> rules) {

    public RegistryScanning {
        rules = List.copyOf(rules);
    }

    public boolean enhanced() {
        return scanType.equals("ENHANCED");
    }

    /**
     * Whether the registry's rules, not the repository's own {@code scanOnPush}, decide whether ECR scans a
     * repository: under enhanced scanning always (a repository no rule covers is not scanned), under basic scanning
     * once there is a rule (a repository no rule covers is scanned only on request).
     */
    public boolean decides() {
        return enhanced() || !rules.isEmpty();
    }

    /**
     * The rule that decides for the repository: under enhanced scanning continuous scanning wins over scan on push,
     * as ECR applies them; empty when no rule covers it.
     */
    public Optional<ScanningRule> ruleFor(String repositoryName) {
        List<ScanningRule> covering =
                rules.stream().filter(rule -> rule.covers(repositoryName)).toList();
        return covering.stream()
                .filter(rule -> rule.frequency().equals("CONTINUOUS_SCAN"))
                .findFirst()
                .or(() -> covering.stream().findFirst());
    }

    /** {@code BASIC scanning, rules: SCAN_ON_PUSH for team/*} */
    @Override
    public String toString() {
        return scanType + " scanning"
                + (rules.isEmpty()
                        ? ", no rules"
                        : ", rules: "
                                + String.join(
                                        "; ",
                                        rules.stream()
                                                .map(ScanningRule::toString)
                                                .toList()));
    }
}
