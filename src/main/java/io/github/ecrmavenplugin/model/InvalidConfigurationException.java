package io.github.ecrmavenplugin.model;

/**
 * The POM asks for something that cannot be done. Raised before any call to AWS, it names the parameter at fault
 * and says how to fix it, so the user never has to guess which line of the POM to change.
 */
public final class InvalidConfigurationException extends Exception {

    private final String parameter;

    public InvalidConfigurationException(String parameter, String problemAndFix) {
        super("<" + parameter + ">: " + problemAndFix);
        this.parameter = parameter;
    }

    public InvalidConfigurationException(String parameter, String problemAndFix, Throwable cause) {
        super("<" + parameter + ">: " + problemAndFix, cause);
        this.parameter = parameter;
    }

    /** The POM parameter at fault, e.g. {@code repositoryName} or {@code pullPolicy/accounts}. */
    public String parameter() {
        return parameter;
    }
}
