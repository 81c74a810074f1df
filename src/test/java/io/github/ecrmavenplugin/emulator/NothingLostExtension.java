package io.github.ecrmavenplugin.emulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test after which an in-process emulator saw a destructive call ({@link DestructiveCalls}) that the
 * test did not declare with {@link DeletesOnPurpose}. Registered for the whole suite by JUnit's extension
 * auto-detection (src/test/resources/META-INF/services), so a new test is covered without doing anything.
 *
 * <p>Each emulator's call log is read from where the previous check stopped, so calls are judged by the test
 * (or class set-up) that made them.
 */
public final class NothingLostExtension implements AfterEachCallback, AfterAllCallback {

    private static final Map<EcrEmulator, Integer> CHECKED = new ConcurrentHashMap<>();

    @Override
    public void afterEach(ExtensionContext context) {
        check(
                context.getRequiredTestMethod().isAnnotationPresent(DeletesOnPurpose.class)
                        || context.getRequiredTestClass().isAnnotationPresent(DeletesOnPurpose.class),
                context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(
                context.getTestClass()
                        .map(c -> c.isAnnotationPresent(DeletesOnPurpose.class))
                        .orElse(false),
                context.getDisplayName() + " (class set-up/tear-down)");
    }

    private static synchronized void check(boolean allowed, String test) {
        StringBuilder problems = new StringBuilder();
        for (EcrEmulator emulator : EcrEmulator.started()) {
            List<EmulatorCall> calls = emulator.calls();
            int from = Math.min(CHECKED.getOrDefault(emulator, 0), calls.size()); // reset() may shorten the log
            CHECKED.put(emulator, calls.size());
            if (!allowed) {
                DestructiveCalls.in(calls.subList(from, calls.size()))
                        .forEach(call -> problems.append("\n  ").append(DestructiveCalls.describe(call)));
            }
        }
        if (problems.length() > 0) {
            throw new AssertionError(test + " made destructive ECR calls without @DeletesOnPurpose:" + problems);
        }
    }
}
