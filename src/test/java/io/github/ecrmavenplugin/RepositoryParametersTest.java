package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
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
        single.scanOnPush = true;
        List<RepositorySpec> specs = RepositoryParameters.specs(single.name, single, null);
        assertEquals(1, specs.size());
        assertEquals(true, specs.get(0).scanOnPush().orElseThrow());
    }

    @Test
    void entriesAreNamedByPositionFromOne() {
        RepositoryParameters second = named("team/worker");
        second.imageTagMutability = "FROZEN";
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> RepositoryParameters.specs("ignored", named("ignored"), List.of(named("team/api"), second)));
        assertEquals("repositories[2]/imageTagMutability", e.parameter());
    }

    @Test
    void duplicateNames() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> RepositoryParameters.specs("x", named("x"), List.of(named("team/api"), named("team/api"))));
        assertEquals("repositories[2]/name", e.parameter());
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
    }

    @Test
    void invalidEntryName() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> RepositoryParameters.specs("x", named("x"), List.of(named("Team/API"))));
        assertEquals("repositories[1]/name", e.parameter());
    }

    @Test
    void topLevelSettingsNextToAListAreRefused() {
        RepositoryParameters single = named("my-service");
        single.scanOnPush = true;
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> RepositoryParameters.specs(single.name, single, List.of(named("team/api"))));
        assertEquals("scanOnPush", e.parameter());
        assertTrue(e.getMessage().contains("move it into each <repository>"), e.getMessage());
    }
}
