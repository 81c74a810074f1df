package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.aws.ClientKey;
import io.github.ecrmavenplugin.aws.Registries;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.RepositorySpec;
import java.util.List;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Starts {@code ensure-repository}'s connection to ECR in the background at the start of the build, so that its
 * start-up runs while Maven compiles and tests instead of adding to the build when {@code ensure-repository} runs
 * in {@code package}: loading the plugin, resolving the region and the credentials (an SSO or web identity
 * exchange, an assumed role), and building the AWS SDK's client and making its first call. Add it beside
 * {@code ensure-repository} in the same execution:
 *
 * <pre>{@code
 * <goals>
 *   <goal>warm-up</goal>            <!-- phase validate -->
 *   <goal>ensure-repository</goal>  <!-- phase package -->
 * </goals>
 * }</pre>
 *
 * <p>It reads the same configuration and checks it at once, so a mistake fails the build before compiling. In the
 * background it makes one read ({@code DescribeRepositories}) the way {@code ensure-repository} will, with the
 * shared SDK client; it changes nothing, and a failure there is left for {@code ensure-repository}
 * to report. It does nothing in builds that will not reach {@code package} (e.g. {@code mvn test}), offline, or
 * with {@code skip}.
 *
 * <p>Acts on: {@code repositoryName}, {@code repositories}, {@code registryId}, {@code region}, {@code profile},
 * {@code endpoint}, {@code dualStack}, {@code serverId}, {@code roleArn}, {@code roleExternalId},
 * {@code roleSessionName}, {@code stsEndpoint}, {@code maxAttempts}, {@code timeout}, {@code skip}.
 *
 * <p>Checks, without acting on them, the repository settings and three switches of {@code ensure-repository}:
 * {@code imageTagMutability}, {@code imageTagMutabilityExclusionFilters}, {@code scanOnPush}, {@code tags},
 * {@code purgeTags}, {@code lifecyclePolicy}, {@code lifecyclePolicyFile}, {@code lifecycleRules}, {@code encryption},
 * {@code kmsKey}, {@code pullPolicy}, {@code policy}, {@code policyFile}, {@code policyMode},
 * {@code allowPublicAccess}, {@code allowLockOut}, {@code creationTemplate}, {@code createIfMissing}, {@code jibImage},
 * {@code jibAuth}. The goal has them because the plugin declares each parameter once for all its goals; it reads them
 * so that a value {@code ensure-repository} would refuse before any call fails this goal too, before its own calls.
 *
 * <p>Does not read: {@code jibTag}, {@code imageBuilders}. It has them for the same reason.
 */
@Mojo(name = "warm-up", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class WarmUpMojo extends AbstractEcrCallingMojo {

    /** Phases of the default lifecycle from package on: a build asking for one of them runs ensure-repository. */
    private static final Set<String> FROM_PACKAGE = Set.of(
            "package",
            "pre-integration-test",
            "integration-test",
            "post-integration-test",
            "verify",
            "install",
            "deploy");

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try {
            if (skip() || !reachesPackage(session)) {
                return;
            }
            checkBooleanParameters();
            List<String> names = specs().stream().map(RepositorySpec::name).toList();
            String registry = registry();
            ClientKey key = clientKey(reportedConnection(), false);
            if (session.isOffline()) {
                return;
            }
            CloseClientsAtSessionEnd.register(session.getRequest());
            Thread warmUp = new Thread(() -> warmUp(key, registry, names), "ecr-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        } catch (InvalidConfigurationException e) {
            Failures.rethrow(e);
        }
    }

    private void warmUp(ClientKey key, String registry, List<String> names) {
        long start = System.nanoTime();
        try {
            Registries.connect(key, registry, getLog()::debug).registry().describe(names);
            getLog().debug("ECR client warmed up in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (RuntimeException e) {
            // ensure-repository makes the same calls and reports what is wrong, with the right exception
            getLog().debug("ECR warm-up failed (ensure-repository will report it): " + e.getMessage());
        }
    }

    /** Whether the build will run ensure-repository: it asks for package or a later phase, or calls goals. */
    static boolean reachesPackage(MavenSession session) {
        if (session == null) {
            return true;
        }
        return session.getGoals().stream().anyMatch(task -> task.contains(":") || FROM_PACKAGE.contains(task));
    }
}
