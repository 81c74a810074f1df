import io.github.ecrmavenplugin.testenv.ItEnvironment

def log = new File(basedir, 'build.log').text
assert log.contains('<repositoryName>: "It_Is/Not-Valid-" is not a valid ECR repository name')
assert ItEnvironment.load(environmentFile).operations('AKIAITINVALIDNAME000').isEmpty()
return true
