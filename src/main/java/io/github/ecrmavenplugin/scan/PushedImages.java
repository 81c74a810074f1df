package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.json.Json;
import io.github.ecrmavenplugin.model.ImageReference;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import io.github.ecrmavenplugin.publish.ImageBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the image the build pushed, from what the image builders leave behind:
 *
 * <ul>
 *   <li>Jib writes {@code target/jib-image.json} (the image as pushed, its digest and tags) and
 *       {@code target/jib-image.digest}; Quarkus's Jib extension writes {@code target/jib-image.digest}
 *       ({@code quarkus.jib.image-digest-file}). JKube, Spring Boot's build-image and docker-maven-plugin write no
 *       digest: their image is verified by its tag.</li>
 *   <li>The name a builder used is the one it read: a {@code -D} user property first ({@code jib.to.image},
 *       {@code quarkus.container-image.image}, ...), then the project's, which ensure-repository sets.</li>
 * </ul>
 *
 * A file older than the build is a former build's, and is not taken.
 */
public final class PushedImages {

    static final String JIB_IMAGE_JSON = "jib-image.json";
    static final String JIB_IMAGE_DIGEST = "jib-image.digest";
    static final String JIB_TO_IMAGE = "jib.to.image";

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    /**
     * What the build knows of its push.
     *
     * @param image             {@code <image>}, when given: it names the image, whatever the builders did
     * @param userProperties    the {@code -D} properties, which builders read before the project's
     * @param projectProperties the project's properties, ensure-repository's hand-over among them
     * @param buildDirectory    where builders write what they pushed ({@code target}); empty when unknown
     * @param buildStart        when this build started; empty when unknown
     * @param builders          {@code <imageBuilders>}
     * @param jibTags           Jib's additional tags ({@code jib.to.tags}, {@code <to><tags>})
     * @param fallback          where ensure-repository's {@code jibImage} sends Jib: the first repository, tag
     *                          {@code <jibTag>}
     * @param registryId        {@code <registryId>}, when given
     */
    public record Build(
            Optional<String> image,
            Properties userProperties,
            Properties projectProperties,
            Optional<Path> buildDirectory,
            Optional<Instant> buildStart,
            List<ImageBuilder> builders,
            List<String> jibTags,
            ImageReference fallback,
            Optional<String> registryId) {}

    /** What Jib's {@code jib-image.json} says it pushed. */
    private record JibOutput(ImageReference image, List<String> tags, String digest, Path file) {}

    /** A name a builder was handed, in the property it reads. */
    private record Handed(String property, String value, boolean digestWritten) {}

    private PushedImages() {}

    /** The image to verify, in the registry to look in. */
    public static PushedImage find(Build build, BuildLog log) throws InvalidConfigurationException {
        Optional<JibOutput> jib = jibOutput(build, log);
        Optional<String> digest = digestFile(build, log);
        PushedImage pushed;
        if (build.image().isPresent()) {
            pushed = named(ImageReference.parse(build.image().get(), "image"), jib, digest, build);
        } else if (jib.isPresent()) {
            pushed = new PushedImage(
                    jib.get().image(),
                    jib.get().tags(),
                    Optional.of(jib.get().digest()),
                    jib.get().file().toString(),
                    Optional.empty());
        } else {
            pushed = handed(build, digest);
        }
        return inRegistry(pushed, build);
    }

    /** {@code <image>}, with the digest a builder wrote when it pushed that very image. */
    private static PushedImage named(
            ImageReference named, Optional<JibOutput> jib, Optional<String> digest, Build build)
            throws InvalidConfigurationException {
        if (named.byDigest()) {
            return new PushedImage(named, List.of(), Optional.empty(), "<image>", Optional.empty());
        }
        if (jib.isPresent() && jib.get().image().sameImage(named)) {
            return new PushedImage(
                    named,
                    jib.get().tags(),
                    Optional.of(jib.get().digest()),
                    jib.get().file().toString(),
                    Optional.empty());
        }
        for (Handed handed : handedNames(build)) {
            if (handed.digestWritten()
                    && digest.isPresent()
                    && reference(handed).sameImage(named)) {
                return new PushedImage(
                        named, List.of(named.tagOrDigest()), digest, digestPath(build), Optional.empty());
            }
        }
        return new PushedImage(named, List.of(named.tagOrDigest()), Optional.empty(), "<image>", Optional.empty());
    }

    /** The name a builder was handed, with the digest it wrote; else ensure-repository's default. */
    private static PushedImage handed(Build build, Optional<String> digest) throws InvalidConfigurationException {
        List<Handed> names = handedNames(build);
        if (names.isEmpty()) {
            return new PushedImage(
                    build.fallback(),
                    List.of(build.fallback().tagOrDigest()),
                    Optional.empty(),
                    "<jibTag>",
                    Optional.empty());
        }
        Handed handed = names.get(0);
        ImageReference image = reference(handed);
        Set<String> tags = new LinkedHashSet<>();
        if (!image.byDigest()) {
            tags.add(image.tagOrDigest());
            if (handed.property().equals(JIB_TO_IMAGE)) {
                tags.addAll(build.jibTags());
            }
        }
        boolean withDigest = handed.digestWritten() && digest.isPresent() && !image.byDigest();
        return new PushedImage(
                image,
                List.copyOf(tags),
                withDigest ? digest : Optional.empty(),
                withDigest ? digestPath(build) : handed.property(),
                Optional.empty());
    }

    /** The names the builders were handed, user properties (which win) before the project's. */
    private static List<Handed> handedNames(Build build) {
        List<Handed> names = new ArrayList<>();
        for (Properties properties : List.of(build.userProperties(), build.projectProperties())) {
            add(names, properties, JIB_TO_IMAGE, true);
            for (ImageBuilder builder : build.builders()) {
                if (builder.imageKey() != null) {
                    add(names, properties, builder.imageKey(), builder.id().equals(ImageBuilder.QUARKUS.id()));
                }
            }
        }
        return names;
    }

    private static void add(List<Handed> names, Properties properties, String key, boolean digestWritten) {
        String value = properties.getProperty(key);
        if (value != null && !value.isBlank()) {
            names.add(new Handed(key, value.strip(), digestWritten));
        }
    }

    /** A builder's image name; without a tag, the builders push {@code latest}. */
    private static ImageReference reference(Handed handed) throws InvalidConfigurationException {
        String value = handed.value();
        boolean tagged = value.contains("@") || value.lastIndexOf(':') > value.lastIndexOf('/');
        return ImageReference.parse(tagged ? value : value + ":latest", handed.property());
    }

    /** The registry the image's host names, which {@code <registryId>} must not contradict. */
    private static PushedImage inRegistry(PushedImage pushed, Build build) throws InvalidConfigurationException {
        Optional<String> host = pushed.reference().registryId();
        if (host.isPresent() && build.registryId().isPresent() && !host.equals(build.registryId())) {
            throw new InvalidConfigurationException(
                    build.image().isPresent() ? "image" : "registryId",
                    "the image to verify (" + pushed.source() + ") is in registry " + host.get()
                            + ", as its host says, but <registryId> is "
                            + build.registryId().get()
                            + "; drop <registryId> (-Decr.registryId), or name an image of registry "
                            + build.registryId().get());
        }
        return new PushedImage(
                pushed.reference(), pushed.tags(), pushed.digest(), pushed.source(), host.or(build::registryId));
    }

    private static Optional<JibOutput> jibOutput(Build build, BuildLog log) {
        Optional<Path> file = written(build, JIB_IMAGE_JSON, log);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!(Json.parse(Files.readString(file.get(), StandardCharsets.UTF_8)) instanceof Map<?, ?> json)
                    || !(json.get("image") instanceof String image)
                    || !(json.get("imageDigest") instanceof String digest)
                    || !DIGEST.matcher(digest).matches()) {
                log.warn().accept(file.get() + " does not say which image Jib pushed; verifying the image by its tag");
                return Optional.empty();
            }
            ImageReference reference = ImageReference.parse(image, JIB_TO_IMAGE);
            Set<String> tags = new LinkedHashSet<>();
            if (!reference.byDigest()) {
                tags.add(reference.tagOrDigest());
            }
            if (json.get("tags") instanceof List<?> listed) {
                listed.stream()
                        .filter(String.class::isInstance)
                        .map(String.class::cast)
                        .forEach(tags::add);
            }
            return Optional.of(new JibOutput(reference, List.copyOf(tags), digest, file.get()));
        } catch (IOException | IllegalArgumentException | InvalidConfigurationException e) {
            log.warn()
                    .accept("Cannot read " + file.get() + " (" + e.getMessage() + "); verifying the image by its tag");
            return Optional.empty();
        }
    }

    private static Optional<String> digestFile(Build build, BuildLog log) {
        Optional<Path> file = written(build, JIB_IMAGE_DIGEST, log);
        try {
            if (file.isPresent()) {
                String digest =
                        Files.readString(file.get(), StandardCharsets.UTF_8).strip();
                if (DIGEST.matcher(digest).matches()) {
                    return Optional.of(digest);
                }
                log.warn().accept(file.get() + " holds no image digest; verifying the image by its tag");
            }
        } catch (IOException e) {
            log.warn()
                    .accept("Cannot read " + file.get() + " (" + e.getMessage() + "); verifying the image by its tag");
        }
        return Optional.empty();
    }

    private static String digestPath(Build build) {
        return build.buildDirectory()
                .map(d -> d.resolve(JIB_IMAGE_DIGEST).toString())
                .orElse(JIB_IMAGE_DIGEST);
    }

    /** The builder's file of this name, when this build wrote it. */
    private static Optional<Path> written(Build build, String name, BuildLog log) {
        Optional<Path> file = build.buildDirectory().map(d -> d.resolve(name)).filter(Files::isRegularFile);
        if (file.isEmpty() || build.buildStart().isEmpty()) {
            return file;
        }
        try {
            if (Files.getLastModifiedTime(file.get())
                    .toInstant()
                    .isBefore(build.buildStart().get())) {
                log.debug().accept(file.get() + " is older than this build: a former build's, not taken");
                return Optional.empty();
            }
            return file;
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
