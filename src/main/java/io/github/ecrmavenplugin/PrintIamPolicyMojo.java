package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.iam.IamPolicy;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.model.RepositorySpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Prints the least IAM policy the build's AWS identity needs for {@code ensure-repository} as configured in this
 * POM (and for Jib's push, when {@code jibImage} or {@code jibAuth} is on, and for {@code verify-image}, when the
 * POM runs it, with {@code signer:SignPayload} for ECR's managed signing of the push under {@code requireSignature}),
 * so a platform team can grant exactly
 * that: {@code mvn ecr:print-iam-policy}. Makes no call to AWS. Reads the same configuration as
 * {@code ensure-repository}; without a region or {@code registryId}, the repository ARN has {@code *} there.
 *
 * <p>Acts on: {@code iamPolicyFile}, {@code repositoryName}, {@code repositories}, {@code registryId}, {@code region},
 * {@code profile}, {@code createIfMissing}, {@code jibImage}, {@code jibAuth}, {@code imageBuilders},
 * {@code imageTagMutability}, {@code scanOnPush}, {@code tags}, {@code purgeTags}, {@code lifecyclePolicy},
 * {@code lifecyclePolicyFile}, {@code lifecycleRules}, {@code encryption}, {@code kmsKey}, {@code pullPolicy},
 * {@code policy}, {@code policyFile}, {@code creationTemplate}. Each repository setting it acts on adds to the policy
 * the permissions {@code ensure-repository} needs to write that setting.
 *
 * <p>Checks, without acting on them, the repository settings that change what {@code ensure-repository} writes but not
 * the permissions it needs: {@code imageTagMutabilityExclusionFilters}, {@code policyMode}, {@code allowPublicAccess},
 * {@code allowLockOut}.
 */
@Mojo(name = "print-iam-policy", threadSafe = true)
public class PrintIamPolicyMojo extends AbstractEcrMojo {

    /**
     * Also writes the policy to this file, e.g. for {@code aws iam put-role-policy --policy-document file://}.
     *
     * <p>Acted on by: {@code print-iam-policy}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "ecr.iamPolicyFile")
    private File iamPolicyFile;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        IamPolicy policy;
        boolean pushes;
        try {
            checkBooleanParameters();
            if (iamPolicyFile != null) {
                OutputFile.check(iamPolicyFile, "iamPolicyFile", "target/iam-policy.json");
            }
            String account = registry();
            String arnRegion = configuredRegion().orElse(null);
            policy = new IamPolicy();
            List<RepositorySpec> specs = specs();
            pushes = jibImage() || jibAuth() || !imageBuilders().isEmpty();
            for (int i = 0; i < specs.size(); i++) {
                RepositorySpec spec = specs.get(i);
                // Jib and the other image builders push to the first repository only
                policy.forRepository(
                        spec,
                        IamPolicy.repositoryArn(arnRegion, account, spec.name()),
                        i == 0 && pushes,
                        createIfMissing());
            }
            if (verifiesImage()) {
                // verify-image reads the image Jib pushed: the first repository's, unless <image> names another
                policy.forImageVerification(
                        IamPolicy.repositoryArn(arnRegion, account, specs.get(0).name()));
                if (requiresSignature()) {
                    policy.forSigning(IamPolicy.signingProfilesArn(arnRegion, account));
                }
            }
        } catch (InvalidConfigurationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        String json = policy.toPrettyJson();
        getLog().info("IAM policy for this build's AWS identity (ensure-repository"
                + (pushes ? " and the image push" : "") + (verifiesImage() ? ", verify-image" : "") + "):");
        json.lines().forEach(getLog()::info);
        if (iamPolicyFile != null) {
            try {
                Files.createDirectories(
                        iamPolicyFile.getAbsoluteFile().getParentFile().toPath());
                Files.writeString(iamPolicyFile.toPath(), json + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MojoExecutionException("Cannot write " + iamPolicyFile + ": " + e.getMessage(), e);
            }
            getLog().info("Written to " + iamPolicyFile);
        }
    }

    /**
     * Whether verify-image requires ECR's signature ({@code requireSignature}): in the plugin's configuration, an
     * execution's, or {@code -Decr.requireSignature}.
     */
    private boolean requiresSignature() throws InvalidConfigurationException {
        String property = session == null ? null : session.getUserProperties().getProperty("ecr.requireSignature");
        if (property != null) {
            return BooleanParameter.parse(property, "requireSignature", false);
        }
        List<Xpp3Dom> configurations = new ArrayList<>();
        for (Plugin plugin : project.getBuildPlugins()) {
            if ("ecr-maven-plugin".equals(plugin.getArtifactId())) {
                List<Object> all = new ArrayList<>();
                all.add(plugin.getConfiguration());
                plugin.getExecutions().forEach(execution -> all.add(execution.getConfiguration()));
                all.stream()
                        .filter(Xpp3Dom.class::isInstance)
                        .map(Xpp3Dom.class::cast)
                        .forEach(configurations::add);
            }
        }
        for (Xpp3Dom configuration : configurations) {
            Xpp3Dom child = configuration.getChild("requireSignature");
            if (child != null && BooleanParameter.parse(child.getValue(), "requireSignature", false)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this project runs verify-image: an execution of this plugin in the POM binds it. */
    private boolean verifiesImage() {
        if (project == null) {
            return false;
        }
        return project.getBuildPlugins().stream()
                .filter(plugin -> "ecr-maven-plugin".equals(plugin.getArtifactId()))
                .flatMap(plugin -> plugin.getExecutions().stream())
                .anyMatch(execution -> execution.getGoals().contains("verify-image"));
    }
}
