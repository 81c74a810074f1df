package io.github.ecrmavenplugin.emulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test (method or class) that makes destructive ECR calls on purpose, e.g. to test the emulator's
 * DeleteRepository, so {@link NothingLostExtension} lets them pass. Every other test must leave nothing deleted.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface DeletesOnPurpose {

    /** Why the test deletes. */
    String value();
}
