import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def repo = 'it/jkube-push'
def image = "${env.registryHost()}/${repo}:1.0"

def operations = env.operations('AKIAITJKUBE000000000')
assert operations.containsAll(['CreateRepository', 'GetAuthorizationToken']) : operations

// JKube pushed through the ensured repository, with the credentials handed over
assert log.contains("JKube pushes to ${image}")
assert env.registryTags(repo) == ['1.0']
assert env.registryDigest(repo, '1.0').orElseThrow().startsWith('sha256:')

// No secret in this plugin's output, under -X
def ours = ItEnvironment.pluginOutput(log, 'io.github.ecrmavenplugin', 'ecr-maven-plugin', 'ecr')
assert ours.contains('[DEBUG]') : 'the -X build printed no debug output of its own'
def secrets = [env.registryPassword(), 'itJKubeDebugSecretKeyValue00000000000000',
        'itJKubeDebugSessionTokenValue0000000000']
secrets.each { secret ->
    assert !ours.contains(secret)
}
return true
