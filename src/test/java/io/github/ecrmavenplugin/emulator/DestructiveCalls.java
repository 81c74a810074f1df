package io.github.ecrmavenplugin.emulator;

import java.util.List;
import java.util.Set;

/**
 * The calls that lose something a user cannot get back: a repository, images, a policy, the registry's signing
 * rules. The plugin makes none of
 * them unless a POM asks for it explicitly, and the test suite checks that on every emulator it runs (in-process
 * through {@link NothingLostExtension}, in the integration tests through the test environment's stop step).
 */
public final class DestructiveCalls {

    public static final Set<String> OPERATIONS = Set.of(
            "DeleteRepository",
            "BatchDeleteImage",
            "DeleteRepositoryPolicy",
            "DeleteLifecyclePolicy",
            "DeleteSigningConfiguration");

    private DestructiveCalls() {}

    /** The destructive calls among {@code calls}, failed ones included: even an attempt is a bug. */
    public static List<EmulatorCall> in(List<EmulatorCall> calls) {
        return calls.stream()
                .filter(call -> call.operation() != null && OPERATIONS.contains(call.operation()))
                .toList();
    }

    public static String describe(EmulatorCall call) {
        return call.operation() + " on " + call.repositoryName() + " by " + call.accessKeyId() + " (HTTP "
                + call.httpStatus() + ")";
    }
}
