package io.github.ecrmavenplugin;

import static io.github.ecrmavenplugin.model.InvalidConfiguration.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ecrmavenplugin.model.RepositorySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepositoryParametersTest {

    private static RepositoryParameters named(String name) {
        RepositoryParameters parameters = new RepositoryParameters();
        parameters.name = name;
        return parameters;
    }

    @Test
    void singleRepositoryFromTopLevel() throws Exception {
        RepositoryParameters single = named("my-service");
        single.scanOnPush = "true";
        List<RepositorySpec> specs = RepositoryParameters.specs(single.name, single, null);
        assertEquals(1, specs.size());
        assertEquals(true, specs.get(0).scanOnPush().orElseThrow());
    }

    @Test
    void entriesAreNamedByPositionFromOne() {
        RepositoryParameters second = named("team/worker");
        second.imageTagMutability = "FROZEN";
        fails(
                "repositories[2]/imageTagMutability",
                () -> RepositoryParameters.specs("ignored", named("ignored"), List.of(named("team/api"), second)));
    }

    @Test
    void duplicateNames() {
        fails(
                "repositories[2]/name",
                "listed twice",
                () -> RepositoryParameters.specs("x", named("x"), List.of(named("team/api"), named("team/api"))));
    }

    @Test
    void invalidEntryName() {
        fails("repositories[1]/name", () -> RepositoryParameters.specs("x", named("x"), List.of(named("Team/API"))));
    }

    @Test
    void topLevelSettingsNextToAListAreRefused() {
        RepositoryParameters single = named("my-service");
        single.scanOnPush = "true";
        fails(
                "scanOnPush",
                "move it into each <repository>",
                () -> RepositoryParameters.specs(single.name, single, List.of(named("team/api"))));
    }
}
