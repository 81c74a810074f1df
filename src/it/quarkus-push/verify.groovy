import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def repo = 'it/quarkus-push'
def image = "${env.registryHost()}/${repo}:1.0"

def operations = env.operations('AKIAITQUARKUS0000000')
assert operations.containsAll(['CreateRepository', 'GetAuthorizationToken']) : operations

// Quarkus pushed through the ensured repository, with the credentials handed over
assert log.contains("Quarkus pushes to ${image}")
assert env.registryTags(repo) == ['1.0']
assert env.registryDigest(repo, '1.0').orElseThrow().startsWith('sha256:')

// No secret in this plugin's output, under -X
def ours = ItEnvironment.pluginOutput(log, 'io.github.ecrmavenplugin', 'ecr-maven-plugin', 'ecr')
assert ours.contains('[DEBUG]') : 'the -X build printed no debug output of its own'
def secrets = [env.registryPassword(), 'itQuarkusDebugSecretKeyValue000000000000',
        'itQuarkusDebugSessionTokenValue00000000']
secrets.each { secret ->
    assert !ours.contains(secret)
}
return true
