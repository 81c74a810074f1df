package io.github.ecrmavenplugin.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** How tests check that a configuration is refused: before any call, naming the parameter at fault. */
public final class InvalidConfiguration {

    private InvalidConfiguration() {}

    /** Asserts that {@code call} fails naming {@code parameter}, and answers the failure for further checks. */
    public static InvalidConfigurationException fails(String parameter, Executable call) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, call);
        assertEquals(parameter, e.parameter(), e.getMessage());
        assertTrue(e.getMessage().startsWith("<" + parameter + ">: "), e.getMessage());
        return e;
    }

    /** Asserts that {@code call} fails naming {@code parameter}, with {@code reason} in its message. */
    public static InvalidConfigurationException fails(String parameter, String reason, Executable call) {
        InvalidConfigurationException e = fails(parameter, call);
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
        return e;
    }
}
