package io.github.ecrmavenplugin.model;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tag mutability as ECR reports it. */
class TagMutabilityTest {

    @Test
    void aModeNewerThanThePluginCountsAsDifferentFromEveryModeThePomCanAskFor() {
        TagMutability read = TagMutability.fromRegistry("IMMUTABLE_UNLESS_SIGNED", List.of());
        assertTrue(read.toString().contains("IMMUTABLE_UNLESS_SIGNED"), read.toString());
        for (TagMutability.Mode mode : TagMutability.Mode.values()) {
            assertNotEquals(new TagMutability(mode, List.of()), read, mode.name());
        }
    }
}
