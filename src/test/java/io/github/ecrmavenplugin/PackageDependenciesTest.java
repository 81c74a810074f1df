package io.github.ecrmavenplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code src/main} depend on each other one way only: the goals on the domain, the domain on the
 * {@code Registry} port and {@code model}, never back. A package's dependencies are every reference to another of
 * the plugin's packages in its sources, imports and fully qualified names alike.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/ecrmavenplugin");
    private static final Pattern REFERENCE =
            Pattern.compile("io\\.github\\.ecrmavenplugin\\.([a-z]+\\.)?([A-Za-z]\\w*)");
    private static final String ROOT = "(goals)";

    /** Each package and the packages of the plugin its sources name. */
    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String own = packageOf(SOURCES.relativize(file.getParent()).toString());
                Set<String> used = graph.computeIfAbsent(own, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    String other = m.group(1) == null
                            ? (Character.isUpperCase(m.group(2).charAt(0)) ? ROOT : m.group(2))
                            : m.group(1).substring(0, m.group(1).length() - 1);
                    if (!other.equals(own)) {
                        used.add(other);
                    }
                }
            }
        }
        return graph;
    }

    private static String packageOf(String relativeDirectory) {
        return relativeDirectory.isEmpty() ? ROOT : relativeDirectory.replace('/', '.');
    }

    @Test
    void thePackageGraphHasNoCycle() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            for (String next : graph.get(start)) {
                if (reaches(graph, next, start, new TreeSet<>())) {
                    cycles.add(start + " -> " + next + " -> ... -> " + start);
                }
            }
        }
        assertEquals(List.of(), cycles, "package dependencies: " + graph);
    }

    @Test
    void theRegistryPortNamesNoPackageAboveIt() throws IOException {
        assertEquals(Set.of("model"), dependencies().get("registry"));
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : graph.getOrDefault(from, Set.of())) {
            if (reaches(graph, next, to, seen)) {
                return true;
            }
        }
        return false;
    }
}
