import io.github.ecrmavenplugin.testenv.ItEnvironment

// From now on the emulator checks this key's signatures: only a build that decrypted the secret gets in.
ItEnvironment.load(environmentFile).knowAccessKey('AKIAITSETTINGSSERVER', 'it/settings/server/secret/0000000000000001')
return true
