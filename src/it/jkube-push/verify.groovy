import io.github.ecrmavenplugin.testenv.ItEnvironment

// JKube pushed through the ensured repository, with the image name and credentials handed over; no secret in this
// plugin's output, under -X.
def env = ItEnvironment.load(environmentFile)
env.assertBuilderPushed(basedir, 'AKIAITJKUBE000000000', 'JKube', 'it/jkube-push', '1.0',
        ['itJKubeDebugSecretKeyValue00000000000000', 'itJKubeDebugSessionTokenValue0000000000'])
// verify-image finds JKube's image by the name it was handed: JKube writes no digest.
def digest = env.registryDigest('it/jkube-push', '1.0').orElseThrow()
def log = ItEnvironment.buildLog(basedir)
def line = log.readLines().find { it.contains('ECR image it/jkube-push:1.0: ') }
assert line != null && line.contains(digest) && !line.contains('digest from') : line
return true
