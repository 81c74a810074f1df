package io.github.ecrmavenplugin.reconcile;

/**
 * A setting the POM declares for a new repository that differs from the registry's creation template: the POM's
 * goes on top, and the build says so once, when the repository is created.
 *
 * @param template      the template's prefix, e.g. {@code team} (or {@code ROOT})
 * @param setting       the setting, e.g. {@code imageTagMutability}, {@code tag CostCenter} or
 *                      {@code lifecycle policy}
 * @param templateValue the template's value
 * @param pomValue      the POM's value, which the repository gets
 */
public record TemplateOverride(String template, String setting, String templateValue, String pomValue) {

    /** One line for the build log: the template, the setting and both values. */
    public String message() {
        return "the POM's " + setting + " (" + pomValue + ") differs from the registry's creation template "
                + (template.equals("ROOT") ? "ROOT" : "\"" + template + "\"") + " (" + templateValue
                + "); the repository gets the POM's";
    }
}
