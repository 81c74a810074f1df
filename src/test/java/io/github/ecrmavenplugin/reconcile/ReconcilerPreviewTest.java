package io.github.ecrmavenplugin.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ecrmavenplugin.model.LifecycleRule;
import io.github.ecrmavenplugin.model.RepositorySpec;
import io.github.ecrmavenplugin.registry.LifecyclePolicyPreview;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import io.github.ecrmavenplugin.registry.Repository;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * How the plugin waits for ECR's lifecycle preview: it asks again after a growing pause, stops asking at its
 * deadline, and reports a preview ECR did not give as skipped, with the reason.
 */
class ReconcilerPreviewTest {

    private static final Repository EXISTING = new Repository(
            "team/app",
            "arn:aws:ecr:eu-west-1:123456789012:repository/team/app",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app",
            "123456789012");

    /** When each GetLifecyclePolicyPreview was made ({@link System#nanoTime}). */
    private final List<Long> polls = new CopyOnWriteArrayList<>();

    /** A registry that starts previews and answers every GetLifecyclePolicyPreview with {@code answer}. */
    private Registry registry(Supplier<LifecyclePolicyPreview> answer) {
        return (Registry) Proxy.newProxyInstance(
                Registry.class.getClassLoader(),
                new Class<?>[] {Registry.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "startLifecyclePolicyPreview" -> null;
                    case "lifecyclePolicyPreview" -> {
                        polls.add(System.nanoTime());
                        yield answer.get();
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The plan of an existing repository that gets its first lifecycle policy: one preview to ask for. */
    private static List<Plan> newLifecyclePolicy() throws Exception {
        RepositorySpec spec = RepositorySpec.builder()
                .name("team/app")
                .lifecycleRules(List.of(LifecycleRule.keepLast(30)))
                .build();
        return List.of(Plan.between(spec, new Observed(Optional.of(EXISTING), Optional.empty())));
    }

    private LifecyclePreview preview(Supplier<LifecyclePolicyPreview> answer, Duration timeout) throws Exception {
        List<LifecyclePreview> previews =
                new Reconciler(registry(answer), message -> {}).preview(newLifecyclePolicy(), timeout);
        assertEquals(1, previews.size());
        return previews.get(0);
    }

    @Test
    void aPreviewThatEndsWithoutResultsNamesEcrsStatus() throws Exception {
        LifecyclePreview preview =
                preview(() -> new LifecyclePolicyPreview("FAILED", List.of()), Duration.ofSeconds(5));
        assertEquals(Optional.of("ECR's preview ended with status FAILED"), preview.skipped());
    }

    @Test
    void aPreviewTheBuildMayNotAskForIsSkippedNamingThePermission() throws Exception {
        LifecyclePreview preview = preview(
                () -> {
                    throw RegistryException.of(
                            RegistryException.Kind.ACCESS_DENIED,
                            new RegistryException.Call("GetLifecyclePolicyPreview", "repository team/app", 1),
                            "not authorized",
                            new RegistryException.Answer("AccessDeniedException", null),
                            null);
                },
                Duration.ofSeconds(5));
        assertEquals(
                Optional.of("the build may not call ecr:GetLifecyclePolicyPreview (print-iam-policy lists it)"),
                preview.skipped());
    }

    @Test
    void aPreviewThatFailsOtherwiseIsSkippedWithEcrsMessage() throws Exception {
        LifecyclePreview preview = preview(
                () -> {
                    throw RegistryException.of(
                            RegistryException.Kind.FAILED,
                            new RegistryException.Call("GetLifecyclePolicyPreview", "repository team/app", 1),
                            "the connection was reset",
                            RegistryException.Answer.NONE,
                            null);
                },
                Duration.ofSeconds(5));
        assertEquals(
                Optional.of(
                        "ECR GetLifecyclePolicyPreview for repository team/app failed: the connection was " + "reset"),
                preview.skipped());
    }

    @Test
    void asksAgainAfterAGrowingPauseAndNotAfterItsDeadline() throws Exception {
        long start = System.nanoTime();
        LifecyclePreview preview =
                preview(() -> new LifecyclePolicyPreview("IN_PROGRESS", List.of()), Duration.ofMillis(450));
        long answered = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(1_000);

        assertEquals(
                Optional.of("ECR's preview did not finish within 0.45 s (<lifecyclePreviewTimeout>)"),
                preview.skipped());
        assertTrue(answered >= 400, "answered after " + answered + " ms");
        // each pause doubles the one before, and the last is cut to what is left before the deadline: a few asks,
        // none after it
        assertTrue(polls.size() <= 5, polls.size() + " polls");
        long last = (polls.get(polls.size() - 1) - start) / 1_000_000;
        assertTrue(last < 600, "last asked " + last + " ms after the start");
    }
}
