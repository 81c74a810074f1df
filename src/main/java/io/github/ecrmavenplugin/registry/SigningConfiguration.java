package io.github.ecrmavenplugin.registry;

import java.util.List;

/**
 * The registry's signing configuration ({@code GetSigningConfiguration}).
 *
 * @param rules its signing rules
 */
public record SigningConfiguration(List<SigningRule> rules) {

    public SigningConfiguration {
        rules = List.copyOf(rules);
    }

    /** The rules whose images pushed to the repository ECR signs. */
    public List<SigningRule> rulesFor(String repositoryName) {
        return rules.stream().filter(rule -> rule.covers(repositoryName)).toList();
    }
}
