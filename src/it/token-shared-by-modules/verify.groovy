import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def ops = env.operations('AKIAITTOKENSHARED000')
assert ops.count('GetAuthorizationToken') == 1 : ops
assert ops.count('CreateRepository') == 2 : ops
assert env.repository('it/token-shared/a').isPresent()
assert env.repository('it/token-shared/b').isPresent()
assert log.contains("Jib pushes to ${env.registryHost()}/it/token-shared/a:1.0")
assert log.contains("Jib pushes to ${env.registryHost()}/it/token-shared/b:1.0")
assert log.findAll(/Jib push credentials set for/).size() == 2
return true
