package io.github.ecrmavenplugin.reconcile;

import io.github.ecrmavenplugin.registry.CreationTemplate;
import io.github.ecrmavenplugin.registry.PullThroughCacheRule;
import io.github.ecrmavenplugin.registry.Registry;
import io.github.ecrmavenplugin.registry.RegistryException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The registry's own rules that bear on creating a repository, each read at most once and only when first asked
 * for: its creation templates and its pull through cache rules. A rule the build may not read is no reason to stop:
 * the build goes on without it and, where it would have decided something, says so once, naming the IAM action.
 */
final class RegistryRules {

    /** What a read of registry-level settings gave: the values, or why there are none to go by. */
    record Reading<T>(List<T> values, Optional<String> unread) {
        Reading {
            values = List.copyOf(values);
        }
    }

    private final Registry registry;
    private final Executor executor;
    private final Consumer<String> warn;
    private volatile CompletableFuture<Reading<CreationTemplate>> templates;
    private volatile CompletableFuture<Reading<PullThroughCacheRule>> pullThroughCacheRules;
    private boolean warnedTemplates;
    private boolean warnedPullThroughCacheRules;

    RegistryRules(Registry registry, Executor executor, Consumer<String> warn) {
        this.registry = registry;
        this.executor = executor;
        this.warn = warn;
    }

    /** Starts reading what creating a repository needs, side by side: the cache rules and, if asked, the templates. */
    synchronized void startCreationReads(boolean withTemplates) {
        startPullThroughCacheRules();
        if (withTemplates) {
            startTemplates();
        }
    }

    /** The creation templates, or why they could not be read. */
    Reading<CreationTemplate> creationTemplates() {
        startTemplates();
        return Reconciler.join(templates);
    }

    /**
     * The creation templates, to decide by: none when they could not be read, which the build log says once (the
     * plugin then follows no template, and cannot tell a template's statements and tags from others').
     */
    List<CreationTemplate> creationTemplatesToDecideBy() {
        Reading<CreationTemplate> reading = creationTemplates();
        reading.unread()
                .ifPresent(reason -> warnOnce(
                        true,
                        "ECR repository creation templates not read: " + reason
                                + "; the plugin follows no template: a repository it creates gets the POM's settings only, and "
                                + "statements and tags a template put in a repository count as any others'"));
        return reading.values();
    }

    /**
     * The pull through cache rules, to decide by: none when they could not be read, which the build log says once.
     */
    List<PullThroughCacheRule> pullThroughCacheRulesToDecideBy() {
        startPullThroughCacheRules();
        Reading<PullThroughCacheRule> reading = Reconciler.join(pullThroughCacheRules);
        reading.unread()
                .ifPresent(
                        reason -> warnOnce(
                                false,
                                "ECR pull through cache rules not read: " + reason
                                        + "; the plugin cannot check that a repository it creates is outside the namespaces ECR's caches own"));
        return reading.values();
    }

    private synchronized void startTemplates() {
        if (templates == null) {
            templates = read(registry::creationTemplates);
        }
    }

    private synchronized void startPullThroughCacheRules() {
        if (pullThroughCacheRules == null) {
            pullThroughCacheRules = read(registry::pullThroughCacheRules);
        }
    }

    private synchronized void warnOnce(boolean aboutTemplates, String message) {
        if (aboutTemplates ? warnedTemplates : warnedPullThroughCacheRules) {
            return;
        }
        if (aboutTemplates) {
            warnedTemplates = true;
        } else {
            warnedPullThroughCacheRules = true;
        }
        warn.accept(message);
    }

    private <T> CompletableFuture<Reading<T>> read(Supplier<List<T>> read) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return new Reading<>(read.get(), Optional.empty());
                    } catch (RegistryException e) {
                        if (!e.isAccessDenied()) {
                            throw e;
                        }
                        return new Reading<T>(List.of(), Optional.of(unread(e)));
                    } catch (Registry.OtherRegistryException e) {
                        return new Reading<T>(List.of(), Optional.of(e.getMessage()));
                    }
                },
                executor);
    }

    /** Why a registry-level setting could not be read: the IAM action the build lacks, or ECR's failure. */
    static String unread(RegistryException e) {
        return e.isAccessDenied()
                ? "the build may not call " + e.iamAction() + " (`mvn ecr:print-iam-policy` lists it)"
                : e.getMessage();
    }
}
