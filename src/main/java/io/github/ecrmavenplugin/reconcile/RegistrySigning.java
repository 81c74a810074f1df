package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.SigningConfiguration;
import io.github.ecrmavenplugin.registry.SigningRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plan mode's word on ECR's managed signing: which signing rule of the registry signs the images pushed to each
 * repository ({@code GetSigningConfiguration}), or that none does. A read in plan mode only.
 */
public final class RegistrySigning {

    private RegistrySigning() {}

    /** One line per repository; one line in all when the registry's signing configuration cannot be read. */
    public static List<String> describe(Registry registry, List<String> repositoryNames) {
        Optional<SigningConfiguration> configuration;
        try {
            configuration = registry.signingConfiguration();
        } catch (RegistryException e) {
            if (!e.isAccessDenied()) {
                throw e;
            }
            return List.of("ECR signing: the registry's signing rules are not known, the build may not call "
                    + e.iamAction() + " (mvn ecr:print-iam-policy lists it)");
        }
        if (configuration.isPresent()
                && registry.registryId().isPresent()
                && !registry.registryId().get().equals(configuration.get().registryId())) {
            return List.of("ECR signing: the signing rules of registry "
                    + registry.registryId().get() + " can only be read from its account");
        }
        List<String> lines = new ArrayList<>();
        for (String name : repositoryNames) {
            List<SigningRule> rules = configuration.map(c -> c.rulesFor(name)).orElse(List.of());
            lines.add("ECR repository " + name + ": "
                    + (rules.isEmpty()
                            ? (configuration.isEmpty()
                                            ? "the registry has no signing configuration"
                                            : "no signing rule of the registry covers it")
                                    + ": ECR does not sign the images pushed to it"
                            : "ECR signs the images pushed to it with the signing rule"
                                    + (rules.size() == 1 ? " " : "s ")
                                    + String.join(
                                            "; ",
                                            rules.stream()
                                                    .map(SigningRule::toString)
                                                    .toList())));
        }
        return lines;
    }
}
