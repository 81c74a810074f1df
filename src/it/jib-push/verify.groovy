import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def repo = 'it/jib-push'

def first = env.operations('AKIAITJIBFIRST000000')
assert first.containsAll(['CreateRepository', 'SetRepositoryPolicy', 'GetAuthorizationToken']) : first
def second = env.assertNoWrites('AKIAITJIBSECOND00000')
assert second.contains('GetAuthorizationToken') : second

def tags = env.registryTags(repo)
assert tags.containsAll(['1.0', '2.0', 'chosen-by-user']) : tags
assert env.registryDigest(repo, '1.0').orElseThrow().startsWith('sha256:')

assert log.contains("Jib pushes to ${env.registryHost()}/${repo}:1.0")
assert log.contains("Jib pushes to ${env.registryHost()}/${repo}:2.0")
assert log.contains("-Djib.to.image on the command line wins")
// Invocation 4 ran with -X: the ECR password (only this plugin and Jib know it) shows nowhere in the log, and the
// AWS secret key and session token show neither in this plugin's output nor in Jib's.
assert log.contains('Built and pushed image as ' + "${env.registryHost()}/${repo}:debug")
assert !log.contains(env.registryPassword())
def ours = ItEnvironment.pluginOutput(log, 'io.github.ecrmavenplugin', 'ecr-maven-plugin', 'ecr') +
        ItEnvironment.pluginOutput(log, 'com.google.cloud.tools', 'jib-maven-plugin', 'jib')
assert ours.contains('[DEBUG]') : 'the -X invocation printed no debug output of its own'
assert ours.contains('Jib pushes to ' + "${env.registryHost()}/${repo}:debug")
['itJibDebugSecretKeyValue0000000000000000', 'itJibDebugSessionTokenValue000000000000'].each { secret ->
    assert !ours.contains(secret)
}
return true
