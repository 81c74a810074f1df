package io.github.ecrmavenplugin;

import java.util.List;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** What Maven's decrypter answers for settings.xml proxies whose passwords are not encrypted: them, as they are. */
record PlainDecryption(List<Proxy> getProxies) implements SettingsDecryptionResult {

    /** A decrypter that hands back the proxies it is asked about. */
    static final SettingsDecrypter DECRYPTER = request -> new PlainDecryption(request.getProxies());

    @Override
    public Server getServer() {
        return null;
    }

    @Override
    public List<Server> getServers() {
        return List.of();
    }

    @Override
    public Proxy getProxy() {
        return getProxies.get(0);
    }

    @Override
    public List<SettingsProblem> getProblems() {
        return List.of();
    }
}
