package io.github.ecrmavenplugin.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The registry-level rules of the emulated registry and what they do to images: its scanning configuration (basic or
 * enhanced scanning, rules with wildcard filters), which decides whether a pushed image is scanned; its signing
 * configuration, whose rules sign each pushed image; and the signing jobs themselves, on the registry's clock.
 *
 * <p>Every method is called under the {@link EmulatedRegistry}'s lock, or under its own.
 */
final class RegistryRules {

    /** A rule of the scanning configuration. */
    record ScanningRule(String frequency, List<String> filters) {
        ScanningRule {
            filters = List.copyOf(filters);
        }

        /** ECR's scanning filters: without {@code *} a filter matches names containing it; with, the whole name. */
        boolean covers(String repositoryName) {
            return filters.stream()
                    .anyMatch(filter -> filter.contains("*")
                            ? wildcardMatch(filter, repositoryName)
                            : repositoryName.contains(filter));
        }
    }

    /** How ECR scans one repository: the frequency and the filters of the rule that decides it. */
    record Effective(String frequency, List<String> appliedFilters) {
        boolean scansOnPush() {
            return frequency.equals("SCAN_ON_PUSH") || frequency.equals("CONTINUOUS_SCAN");
        }
    }

    /** A rule of the signing configuration; no filters covers every repository. */
    record SigningRule(String signingProfileArn, List<String> filters) {
        SigningRule {
            filters = List.copyOf(filters);
        }

        boolean covers(String repositoryName) {
            return filters.isEmpty() || filters.stream().anyMatch(filter -> wildcardMatch(filter, repositoryName));
        }
    }

    /**
     * How the signing of images pushed to a repository goes: {@code inProgress}, then {@code outcome}
     * ({@code COMPLETE}, {@code FAILED} with {@code failureCode} and {@code failureReason}, {@code NEVER}: it
     * stays {@code IN_PROGRESS}, or a status ECR may add, which the SDK passes on as it is spelled).
     */
    record SigningPlan(Duration inProgress, String outcome, String failureCode, String failureReason) {
        static final SigningPlan DEFAULT = new SigningPlan(Duration.ofMillis(200), "COMPLETE", null, null);

        SigningPlan {
            outcome = outcome.toUpperCase(Locale.ROOT);
            if (!outcome.matches("[A-Z_]+") || outcome.equals("IN_PROGRESS")) {
                throw new IllegalArgumentException(
                        "a signing ends COMPLETE, FAILED, NEVER or another status of upper-case words: " + outcome);
            }
        }
    }

    /** One signing job: an image with one signing profile, started when the image was pushed. */
    record Signing(String signingProfileArn, Instant startedAt, SigningPlan plan) {
        String statusAt(Instant now) {
            boolean running = plan.outcome().equals("NEVER")
                    || Duration.between(startedAt, now).compareTo(plan.inProgress()) < 0;
            return running ? "IN_PROGRESS" : plan.outcome();
        }
    }

    /** Scans ECR starts a day, on push and on request alike: "up to 100,000 basic scans per 24 hours". */
    static final int BASIC_SCANS_A_DAY = 100_000;

    private String scanType = "BASIC";
    private List<ScanningRule> scanningRules = List.of();
    private Optional<List<SigningRule>> signingRules = Optional.empty();
    private final Map<String, SigningPlan> signingPlans = new LinkedHashMap<>(); // by repository
    private SigningPlan defaultSigningPlan = SigningPlan.DEFAULT;
    private final Map<String, List<Signing>> signings = new LinkedHashMap<>(); // by repository@digest
    private int basicScansLeft = BASIC_SCANS_A_DAY;

    synchronized void clear() {
        scanType = "BASIC";
        scanningRules = List.of();
        signingRules = Optional.empty();
        signingPlans.clear();
        defaultSigningPlan = SigningPlan.DEFAULT;
        signings.clear();
        basicScansLeft = BASIC_SCANS_A_DAY;
    }

    // ---- scanning ----------------------------------------------------------------------------------------------

    synchronized void scanning(String scanType, List<ScanningRule> rules) {
        this.scanType = scanType;
        this.scanningRules = List.copyOf(rules);
    }

    synchronized String scanType() {
        return scanType;
    }

    synchronized List<ScanningRule> scanningRules() {
        return scanningRules;
    }

    /**
     * How ECR scans the repository. Enhanced scanning: a continuous-scan rule covering it wins over a scan-on-push
     * rule, and a repository no rule covers is not scanned. Basic scanning: once the registry has rules they decide,
     * and a repository no rule covers is scanned on request only ({@code MANUAL}); without rules, the repository's
     * own {@code scanOnPush} does.
     */
    synchronized Effective effective(String repositoryName, boolean repositoryScanOnPush) {
        List<ScanningRule> covering = scanningRules.stream()
                .filter(rule -> rule.covers(repositoryName))
                .toList();
        Optional<ScanningRule> rule = covering.stream()
                .filter(r -> r.frequency().equals("CONTINUOUS_SCAN"))
                .findFirst()
                .or(() -> covering.stream()
                        .filter(r -> r.frequency().equals("SCAN_ON_PUSH"))
                        .findFirst());
        if (rule.isPresent()) {
            return new Effective(
                    rule.get().frequency(),
                    rule.get().filters().stream()
                            .filter(f -> new ScanningRule("", List.of(f)).covers(repositoryName))
                            .toList());
        }
        if (scanType.equals("ENHANCED") || !scanningRules.isEmpty()) {
            return new Effective("MANUAL", List.of());
        }
        return new Effective(repositoryScanOnPush ? "SCAN_ON_PUSH" : "MANUAL", List.of());
    }

    /** How many more basic scans ECR starts today (a test exhausts the quota with 0). */
    synchronized void basicScansLeft(int left) {
        basicScansLeft = left;
    }

    /** Takes one basic scan of the day's quota; false when none is left. */
    synchronized boolean takeBasicScan() {
        if (basicScansLeft <= 0) {
            return false;
        }
        basicScansLeft--;
        return true;
    }

    // ---- signing -----------------------------------------------------------------------------------------------

    synchronized void signingRules(Optional<List<SigningRule>> rules) {
        this.signingRules = rules.map(List::copyOf);
    }

    synchronized Optional<List<SigningRule>> signingRules() {
        return signingRules;
    }

    /** How images pushed from now on to this repository ({@code null}: to every other one) are signed. */
    synchronized void signingPlan(String repositoryName, SigningPlan plan) {
        if (repositoryName == null) {
            defaultSigningPlan = plan;
        } else {
            signingPlans.put(repositoryName, plan);
        }
    }

    /** Starts the signing of a pushed image: one job per signing profile among the rules that cover it. */
    synchronized void pushed(String repositoryName, String digest, Instant now) {
        Set<String> profiles = new LinkedHashSet<>();
        signingRules.orElse(List.of()).stream()
                .filter(rule -> rule.covers(repositoryName))
                .forEach(rule -> profiles.add(rule.signingProfileArn()));
        List<Signing> jobs = new ArrayList<>();
        SigningPlan plan = signingPlans.getOrDefault(repositoryName, defaultSigningPlan);
        profiles.forEach(profile -> jobs.add(new Signing(profile, now, plan)));
        signings.put(repositoryName + "@" + digest, jobs);
    }

    synchronized List<Signing> signings(String repositoryName, String digest) {
        return signings.getOrDefault(repositoryName + "@" + digest, List.of());
    }

    // ---- filters -----------------------------------------------------------------------------------------------

    /** The whole name against a filter whose {@code *} stands for any run of characters. */
    static boolean wildcardMatch(String filter, String repositoryName) {
        String regex = String.join(
                ".*",
                java.util.Arrays.stream(Pattern.compile("\\*").split(filter, -1))
                        .map(Pattern::quote)
                        .toList());
        return Pattern.compile(regex, Pattern.DOTALL).matcher(repositoryName).matches();
    }
}
