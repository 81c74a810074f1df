package io.github.ecrmavenplugin.model;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrRequest;
import software.amazon.awssdk.services.ecr.model.ImageActionType;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyStorageClass;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyTargetStorageClass;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/**
 * What the bundled AWS SDK knows of ECR: its API operations and the values of the enumerations that lifecycle
 * policies use. Read from the SDK's classes, so a newer SDK brings newer values without a change to the plugin.
 * (The SDK jar carries no copy of the service model's JSON; its generated classes are the model.)
 */
final class ServiceModel {

    /** Every ECR API operation: the {@link EcrClient} methods that take one of the service's request types. */
    static final Set<String> OPERATIONS = operations();

    /** Lifecycle action types ({@code expire}, {@code transition}): ECR writes them in lower case in policies. */
    static final Set<String> ACTION_TYPES = lowerCase(ImageActionType.knownValues());

    /** Storage classes a lifecycle rule may select ({@code standard}, {@code archive}). */
    static final Set<String> STORAGE_CLASSES = lowerCase(LifecyclePolicyStorageClass.knownValues());

    /** Storage classes a {@code transition} moves images to ({@code archive}). */
    static final Set<String> TARGET_STORAGE_CLASSES = lowerCase(LifecyclePolicyTargetStorageClass.knownValues());

    /** Tag statuses ({@code tagged}, {@code untagged}, {@code any}). */
    static final Set<String> TAG_STATUSES = lowerCase(TagStatus.knownValues());

    private ServiceModel() {}

    private static Set<String> operations() {
        return Arrays.stream(EcrClient.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1)
                .map(Method::getParameterTypes)
                .map(types -> types[0])
                .filter(type -> EcrRequest.class.isAssignableFrom(type) && type != EcrRequest.class)
                .map(type -> type.getSimpleName().replaceFirst("Request$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> lowerCase(Set<? extends Enum<?>> values) {
        return values.stream()
                .map(v -> v.toString().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
