import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def repo = 'it/jib-push'

def first = env.operations('AKIAITJIBFIRST000000')
assert first.containsAll(['CreateRepository', 'SetRepositoryPolicy', 'GetAuthorizationToken']) : first
def writes = ['CreateRepository', 'SetRepositoryPolicy', 'PutImageTagMutability', 'PutImageScanningConfiguration',
              'PutLifecyclePolicy', 'TagResource', 'UntagResource']
def second = env.operations('AKIAITJIBSECOND00000')
assert second.contains('GetAuthorizationToken') : second
assert second.intersect(writes).isEmpty() : "second build wrote: $second"

def tags = env.registryTags(repo)
assert tags.containsAll(['1.0', '2.0', 'chosen-by-user']) : tags
assert env.registryDigest(repo, '1.0').orElseThrow().startsWith('sha256:')

assert log.contains("Jib pushes to ${env.registryHost()}/${repo}:1.0")
assert log.contains("Jib pushes to ${env.registryHost()}/${repo}:2.0")
assert log.contains("-Djib.to.image on the command line wins")
// The ECR password never shows in the log.
assert !log.contains(env.registryPassword())
return true
