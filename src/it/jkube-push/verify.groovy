import io.github.ecrmavenplugin.testenv.ItEnvironment

// JKube pushed through the ensured repository, with the image name and credentials handed over; no secret in this
// plugin's output, under -X.
ItEnvironment.load(environmentFile).assertBuilderPushed(basedir, 'AKIAITJKUBE000000000', 'JKube', 'it/jkube-push',
        '1.0', ['itJKubeDebugSecretKeyValue00000000000000', 'itJKubeDebugSessionTokenValue0000000000'])
return true
