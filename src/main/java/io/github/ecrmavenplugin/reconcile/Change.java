package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.spec.PolicyDocument;
import io.github.ecrmavenplugin.spec.RepositorySpec;
import java.util.Optional;

/** One write that brings ECR closer to the spec. Changes never delete anything. */
public sealed interface Change {

    /** A short human description, e.g. for the plan and the build log. */
    String summary();

    /** Create the repository with its creation-time settings. */
    record CreateRepository(RepositorySpec spec) implements Change {
        @Override
        public String summary() {
            return "create repository " + spec.name();
        }
    }

    /** Replace the repository policy; {@code current} is what ECR has today, if anything. */
    record SetRepositoryPolicy(String repositoryName, PolicyDocument desired, Optional<PolicyDocument> current)
            implements Change {
        @Override
        public String summary() {
            return current.isPresent() ? "update repository policy" : "set repository policy";
        }
    }
}
