package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import java.io.File;
import java.nio.file.Path;

/** A file parameter the goal writes to, checked before any call: it must name a file, not a directory. */
final class OutputFile {

    private OutputFile() {}

    /**
     * Fails naming {@code parameter} when {@code file} is a directory (an existing one, or the root, which has no
     * parent to write a file into).
     *
     * @param example a file the message suggests instead, e.g. {@code target/ecr-plan.json}
     */
    static void check(File file, String parameter, String example) throws InvalidConfigurationException {
        Path path = file.toPath().toAbsolutePath();
        if (path.getParent() == null || file.isDirectory()) {
            throw new InvalidConfigurationException(
                    parameter, file + " is a directory; the goal writes a file there. Give a file, e.g. " + example);
        }
    }
}
