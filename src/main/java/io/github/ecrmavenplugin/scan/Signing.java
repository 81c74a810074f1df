package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.model.ImageReference;
import io.github.ecrmavenplugin.registry.Image;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.SigningConfiguration;
import io.github.ecrmavenplugin.registry.SigningRule;
import io.github.ecrmavenplugin.registry.SigningStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * ECR's managed signing of the pushed image ({@code DescribeImageSigningStatus}): read for the log and the report,
 * and, under {@code requireSignature}, waited for while in progress and required complete, with a signing rule of
 * the registry covering the repository ({@code GetSigningConfiguration}).
 *
 * @param required whether the build requires the signature
 * @param statuses one per signing profile that signs the image; empty when none does, or when unread
 * @param failure  why the signature the build requires is missing; empty when it is there or not required
 */
record Signing(boolean required, List<SigningStatus> statuses, Optional<String> failure) {

    Signing {
        statuses = List.copyOf(statuses);
    }

    /** Reads (and when required, waits for) the image's signing, until {@code deadline}. */
    static Signing of(
            Registry ecr,
            PushedImage pushed,
            Image image,
            ScanGate gate,
            Instant deadline,
            ScanWaiter.Sleeper sleeper,
            Clock clock,
            BuildLog log)
            throws InterruptedException {
        ImageReference target = pushed.reference();
        String name = target.repositoryName();
        List<SigningStatus> statuses;
        try {
            statuses = ecr.signingStatuses(name, image.digest());
            Duration wait = ScanWaiter.FIRST_WAIT;
            while (gate.requireSignature() && statuses.stream().anyMatch(SigningStatus::inProgress)) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                log.info().accept("Waiting for ECR's signing of " + target + ": IN_PROGRESS");
                sleeper.sleep(wait.compareTo(left) < 0 ? wait : left);
                wait = wait.multipliedBy(2).compareTo(ScanWaiter.LONGEST_WAIT) < 0
                        ? wait.multipliedBy(2)
                        : ScanWaiter.LONGEST_WAIT;
                statuses = ecr.signingStatuses(name, image.digest());
            }
        } catch (RegistryException e) {
            if (!e.isAccessDenied()) {
                throw e;
            }
            String denied = "the build may not call " + e.iamAction() + " (mvn ecr:print-iam-policy lists it)";
            if (gate.requireSignature()) {
                return new Signing(
                        true,
                        List.of(),
                        Optional.of("ECR's signing of " + target + " is not known: " + denied
                                + ". Grant it, or drop <requireSignature> (-Decr.requireSignature)"));
            }
            log.warn().accept("ECR's signing of " + target + " is not known: " + denied);
            return new Signing(false, List.of(), Optional.empty());
        }
        statuses.forEach(s -> log.info()
                .accept("ECR signing of " + target + " with " + s.signingProfileArn() + ": " + s.status()
                        + s.failureCode().map(c -> " (" + c + ")").orElse("")));
        if (!gate.requireSignature()) {
            return new Signing(false, statuses, Optional.empty());
        }
        return new Signing(true, statuses, required(ecr, pushed, statuses, gate));
    }

    /** What keeps the required signature from being there, if anything. */
    private static Optional<String> required(
            Registry ecr, PushedImage pushed, List<SigningStatus> statuses, ScanGate gate) {
        ImageReference target = pushed.reference();
        Optional<SigningStatus> failed =
                statuses.stream().filter(s -> s.status().equals("FAILED")).findFirst();
        if (failed.isPresent()) {
            SigningStatus f = failed.get();
            return Optional.of("ECR could not sign " + target + " with signing profile " + f.signingProfileArn()
                    + ": " + f.failureCode().orElse("FAILED")
                    + f.failureReason().map(r -> ": " + r).orElse("")
                    + ". The identity that pushes needs signer:SignPayload on that profile (mvn ecr:print-iam-policy "
                    + "lists it with <requireSignature>); push the image again once fixed");
        }
        if (statuses.stream().anyMatch(SigningStatus::inProgress)) {
            return Optional.of("ECR's signing of " + target + " is still IN_PROGRESS after <scanTimeout> "
                    + gate.timeoutText() + "; raise <scanTimeout> (-Decr.scanTimeout=20m) if signing takes longer");
        }
        if (!statuses.isEmpty() && statuses.stream().allMatch(SigningStatus::complete)) {
            return Optional.empty();
        }
        if (!statuses.isEmpty()) {
            return Optional.of("ECR's signing of " + target + " is "
                    + statuses.stream().map(SigningStatus::status).collect(Collectors.joining(", "))
                    + ", not COMPLETE");
        }
        return Optional.of("ECR has not signed " + target + ": " + unsigned(ecr, pushed));
    }

    /** Why an image has no signing status: the registry's signing rules, as far as the build can read them. */
    private static String unsigned(Registry ecr, PushedImage pushed) {
        String name = pushed.reference().repositoryName();
        Optional<SigningConfiguration> configuration;
        try {
            configuration = ecr.signingConfiguration();
        } catch (Registry.OtherRegistryException e) {
            return "no signing status, and the signing rules of the registry can only be read from its account. Ask "
                    + "its owners for a signing rule that covers " + name;
        } catch (RegistryException e) {
            if (!e.isAccessDenied()) {
                throw e;
            }
            return "no signing status, and the build may not call " + e.iamAction()
                    + " to read the registry's signing rules (mvn ecr:print-iam-policy lists it)";
        }
        List<SigningRule> rules = configuration.map(c -> c.rulesFor(name)).orElse(List.of());
        if (rules.isEmpty()) {
            return (configuration.isEmpty()
                            ? "the registry has no signing configuration"
                            : "no signing rule of the registry covers repository " + name + " (rules: "
                                    + String.join(
                                            "; ",
                                            configuration.get().rules().stream()
                                                    .map(SigningRule::toString)
                                                    .toList())
                                    + ")")
                    + ", and ECR signs only the images pushed to a repository a rule covers. Add a rule whose "
                    + "filter matches " + name + " (PutSigningConfiguration) and push again, or drop "
                    + "<requireSignature> (-Decr.requireSignature)";
        }
        return "the signing rule " + rules.get(0) + " covers repository " + name + ", but ECR has no signing "
                + "status for this image: it was pushed before the rule applied. Push it again";
    }
}
