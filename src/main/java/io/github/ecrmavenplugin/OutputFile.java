package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file parameter the goal writes to, checked before any call: it must name a file, not a directory, in a place
 * where a directory can be: no part of the path above it may be a file.
 */
final class OutputFile {

    private OutputFile() {}

    /**
     * Fails naming {@code parameter} when {@code file} is a directory (an existing one, or the root, which has no
     * parent to write a file into), or when a part of its path is an existing file, which no directory can be
     * made of ({@code pom.xml/plan.json}).
     *
     * @param example a file the message suggests instead, e.g. {@code target/ecr-plan.json}
     */
    static void check(File file, String parameter, String example) throws InvalidConfigurationException {
        Path path = file.toPath().toAbsolutePath();
        if (path.getParent() == null || file.isDirectory()) {
            throw new InvalidConfigurationException(
                    parameter, file + " is a directory; the goal writes a file there. Give a file, e.g. " + example);
        }
        for (Path part = path.getParent(); part != null && !Files.isDirectory(part); part = part.getParent()) {
            if (Files.exists(part)) {
                throw new InvalidConfigurationException(
                        parameter,
                        "cannot write " + file + ": a part of its path, " + part + ", is a file, not a directory. "
                                + "Give a file in a directory, e.g. " + example);
            }
        }
    }
}
