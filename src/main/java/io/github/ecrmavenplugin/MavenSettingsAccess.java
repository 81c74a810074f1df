package io.github.ecrmavenplugin;

import io.github.ecrmavenplugin.aws.AccessKey;
import io.github.ecrmavenplugin.aws.ProxySettings;
import io.github.ecrmavenplugin.model.InvalidConfigurationException;
import java.util.List;
import java.util.Optional;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Reads what the plugin takes from {@code settings.xml}: an access key from a {@code <server>}, and the active
 * {@code <proxy>}. Passwords encrypted with Maven's master password ({@code mvn --encrypt-password}, kept in
 * {@code settings-security.xml}) are decrypted by the running Maven's own {@link SettingsDecrypter}, as other
 * plugins do (maven-deploy, jib).
 */
final class MavenSettingsAccess {

    private MavenSettingsAccess() {}

    /** The access key in server {@code serverId}: username the access key ID, password the secret access key. */
    static AccessKey server(Settings settings, SettingsDecrypter decrypter, String serverId)
            throws InvalidConfigurationException {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new InvalidConfigurationException(
                    "serverId",
                    "there is no <server> with <id>" + serverId
                            + "</id> in settings.xml; add one whose <username> is the AWS access key ID and whose "
                            + "<password> is the secret access key (encrypted with mvn --encrypt-password)");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        failOnProblems(result.getProblems(), "serverId", "the password of settings.xml server '" + serverId + "'");
        Server decrypted = result.getServer();
        if (blank(decrypted.getUsername()) || blank(decrypted.getPassword())) {
            throw new InvalidConfigurationException(
                    "serverId",
                    "settings.xml server '" + serverId + "' needs "
                            + "<username> (the AWS access key ID) and <password> (the secret access key)");
        }
        return new AccessKey(
                "settings.xml server '" + serverId + "'",
                decrypted.getUsername().trim(),
                decrypted.getPassword().trim());
    }

    /**
     * The active proxy for AWS calls over {@code scheme}: the first active {@code <proxy>} whose
     * {@code <protocol>} is that scheme, else the first active one (many settings declare one {@code http} proxy
     * for everything).
     */
    static Optional<ProxySettings> proxy(Settings settings, SettingsDecrypter decrypter, String scheme)
            throws InvalidConfigurationException {
        if (settings == null || settings.getProxies() == null) {
            return Optional.empty();
        }
        List<Proxy> active =
                settings.getProxies().stream().filter(Proxy::isActive).toList();
        Optional<Proxy> chosen = active.stream()
                .filter(p -> scheme.equalsIgnoreCase(p.getProtocol()))
                .findFirst()
                .or(() -> active.stream().findFirst());
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(chosen.get()));
        failOnProblems(
                result.getProblems(),
                "proxy",
                "the password of settings.xml proxy '" + chosen.get().getId() + "'");
        Proxy proxy = result.getProxy();
        if (blank(proxy.getHost())) {
            throw new InvalidConfigurationException(
                    "proxy", "settings.xml proxy '" + proxy.getId() + "' has no " + "<host>");
        }
        return Optional.of(new ProxySettings(
                proxy.getId(),
                proxy.getHost().trim(),
                proxy.getPort(),
                Optional.ofNullable(proxy.getUsername()).filter(u -> !blank(u)),
                Optional.ofNullable(proxy.getPassword()).filter(p -> !blank(p)),
                ProxySettings.parseNonProxyHosts(proxy.getNonProxyHosts())));
    }

    private static void failOnProblems(List<SettingsProblem> problems, String parameter, String what)
            throws InvalidConfigurationException {
        for (SettingsProblem problem : problems) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new InvalidConfigurationException(
                        parameter,
                        "cannot decrypt " + what + ": "
                                + problem.getMessage() + ". Check settings-security.xml (the master password) or "
                                + "-Dsettings.security");
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
