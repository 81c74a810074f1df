package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.spec.PolicyDocument;
import io.github.ecrmavenplugin.spec.RepositorySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The changes that turn what ECR has ({@code observed}) into what the POM declares ({@code spec}), in the order
 * they must be applied. A pure function of its inputs: no I/O, so every case is a plain unit test.
 */
public record Plan(RepositorySpec spec, Observed observed, List<Change> changes) {

    public Plan {
        changes = List.copyOf(changes);
    }

    public static Plan between(RepositorySpec spec, Observed observed) {
        List<Change> changes = new ArrayList<>();
        if (!observed.exists()) {
            changes.add(new Change.CreateRepository(spec));
        }
        if (spec.policy().isPresent()) {
            PolicyDocument desired = spec.policy().get();
            Optional<PolicyDocument> current = observed.exists() ? observed.policy() : Optional.empty();
            if (!current.equals(Optional.of(desired))) {
                changes.add(new Change.SetRepositoryPolicy(spec.name(), desired, current));
            }
        }
        return new Plan(spec, observed, changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The outcome in a few words for the build log: "created", "updated (repository policy)", "up to date". */
    public String outcome() {
        if (creates()) {
            return changes.size() > 1 ? "created with its repository policy" : "created";
        }
        if (isEmpty()) {
            return "up to date";
        }
        return "updated (" + String.join(", ", changes.stream().map(Change::summary).toList()) + ")";
    }

    public boolean creates() {
        return changes.stream().anyMatch(Change.CreateRepository.class::isInstance);
    }
}
