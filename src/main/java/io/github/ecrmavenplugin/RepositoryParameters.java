package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.PullPolicy;
import io.github.ecrmavenplugin.model.RepositorySpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code <repository>} of {@code <repositories>}: a name and the {@linkplain RepositorySettings settings} the
 * goals also take at the top level for a single repository.
 *
 * <pre>{@code
 * <repositories>
 *   <repository>
 *     <name>team/api</name>
 *     <imageTagMutability>IMMUTABLE</imageTagMutability>
 *     <scanOnPush>true</scanOnPush>
 *     <tags><team>payments</team></tags>
 *   </repository>
 *   <repository>
 *     <name>team/worker</name>
 *     <lifecycleRules><rule><keepLast>30</keepLast></rule></lifecycleRules>
 *   </repository>
 * </repositories>
 * }</pre>
 *
 * <p>Its {@code name} is acted on by every goal, as {@code repositoryName} is; each setting is acted on, or only
 * checked, by the goals its top-level parameter of the same name says.
 */
public class RepositoryParameters extends RepositorySettings {

    /**
     * The repository name, e.g. {@code team/my-service}. Required.
     *
     * <p>Acted on by: {@code ensure-repository}, {@code print-iam-policy}, {@code verify-image}, {@code warm-up}.
     */
    String name;

    /**
     * As {@link #specs(String, RepositorySettings, List, PullPolicy.RegionSource, Optional)}, with no region and no
     * registry account known.
     */
    static List<RepositorySpec> specs(
            String singleName, RepositorySettings single, List<RepositoryParameters> repositories)
            throws InvalidConfigurationException {
        return specs(singleName, single, repositories, Optional::empty, Optional.empty());
    }

    /**
     * The specs of a goal: the single repository of the top-level settings, or each entry of
     * {@code <repositories>}. All are checked before the first call to AWS.
     *
     * @param singleName the top-level {@code repositoryName}
     * @param single     the top-level settings
     * @param region     the region, asked only by a policy that names it
     * @param registryAccount the registry's account ID, when the POM gives it ({@code registryId})
     */
    static List<RepositorySpec> specs(
            String singleName,
            RepositorySettings single,
            List<RepositoryParameters> repositories,
            PullPolicy.RegionSource region,
            Optional<String> registryAccount)
            throws InvalidConfigurationException {
        if (repositories == null || repositories.isEmpty()) {
            return List.of(single.toSpec(singleName, "", "repositoryName", region, registryAccount));
        }
        List<String> topLevel = single.declaredSettings();
        if (!topLevel.isEmpty()) {
            throw new InvalidConfigurationException(
                    topLevel.get(0),
                    "set at the top level while <repositories> "
                            + "lists the repositories; move it into each <repository> it applies to");
        }
        List<RepositorySpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < repositories.size(); i++) {
            String prefix = "repositories[" + (i + 1) + "]/";
            RepositoryParameters entry = repositories.get(i);
            if (entry == null) {
                throw new InvalidConfigurationException(prefix + "name", "the entry is empty; give at least <name>");
            }
            RepositorySpec spec = entry.toSpec(entry.name, prefix, "name", region, registryAccount);
            if (!names.add(spec.name())) {
                throw new InvalidConfigurationException(
                        prefix + "name",
                        "\"" + spec.name() + "\" is listed twice; "
                                + "give each repository once, with all its settings");
            }
            specs.add(spec);
        }
        return specs;
    }
}
