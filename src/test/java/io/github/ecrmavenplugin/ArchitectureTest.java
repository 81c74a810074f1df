package io.github.ecrmavenplugin;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The package rules of {@code package-info.java}, read from the compiled classes: the packages depend on each other
 * without a cycle, and the core (the desired state, the port, observe-plan-apply) knows neither Maven nor the AWS
 * SDK, except {@code model.ServiceModel}, which reads the bundled SDK's service model for the open-world checks.
 */
@AnalyzeClasses(packages = "io.github.ecrmavenplugin", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {
        "io.github.ecrmavenplugin.model..",
        "io.github.ecrmavenplugin.reconcile..",
        "io.github.ecrmavenplugin.registry.."
    };

    /** Each package of the plugin is a slice; the goals' package (the root) is one too. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            String root = "io.github.ecrmavenplugin";
            if (name.equals(root)) {
                return SliceIdentifier.of("goals");
            }
            if (name.startsWith(root + ".")) {
                return SliceIdentifier.of(name.substring(root.length() + 1).split("\\.", 2)[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the plugin's packages";
        }
    };

    @ArchTest
    static final ArchRule noCycleBetweenPackages =
            slices().assignedFrom(PACKAGES).should().beFreeOfCycles();

    /** The port speaks the desired state's words and nothing above it (no reconcile, scan, aws, goals). */
    @ArchTest
    static final ArchRule theRegistryPortUsesOnlyTheModel = noClasses()
            .that()
            .resideInAPackage("io.github.ecrmavenplugin.registry..")
            .should()
            .dependOnClassesThat(resideInAPackage("io.github.ecrmavenplugin..")
                    .and(resideOutsideOfPackages(
                            "io.github.ecrmavenplugin.registry..", "io.github.ecrmavenplugin.model..")));

    @ArchTest
    static final ArchRule theCoreKnowsNoMaven = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..", "org.eclipse.sisu..");

    @ArchTest
    static final ArchRule theCoreKnowsNoAwsSdkButTheServiceModel = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .and()
            .doNotHaveFullyQualifiedName("io.github.ecrmavenplugin.model.ServiceModel")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon.awssdk..");
}
