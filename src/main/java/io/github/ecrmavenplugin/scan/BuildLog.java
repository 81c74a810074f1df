package io.github.ecrmavenplugin.scan;

import java.util.function.Consumer;

/**
 * Where verify-image's domain speaks to the build log, at each level it uses; the goal passes Maven's log.
 *
 * @param debug shown with {@code mvn -X}
 * @param info  one line per outcome
 * @param warn  what the user should look at; the build goes on
 * @param error the lines of a failure, before it is thrown
 */
public record BuildLog(Consumer<String> debug, Consumer<String> info, Consumer<String> warn, Consumer<String> error) {}
