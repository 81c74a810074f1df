import io.github.ecrmavenplugin.testenv.ItEnvironment

// Quarkus pushed through the ensured repository, with the image name and credentials handed over; no secret in this
// plugin's output, under -X.
ItEnvironment.load(environmentFile).assertBuilderPushed(basedir, 'AKIAITQUARKUS0000000', 'Quarkus', 'it/quarkus-push',
        '1.0', ['itQuarkusDebugSecretKeyValue000000000000', 'itQuarkusDebugSessionTokenValue00000000'])
return true
