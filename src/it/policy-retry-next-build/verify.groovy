import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def name = 'it/policy-retry-next-build'

assert env.outcomes('AKIAITRETRYFIRST0000', 'CreateRepository') == ['OK']
assert env.outcomes('AKIAITRETRYFIRST0000', 'SetRepositoryPolicy') == ['ServerException', 'ServerException']
def lastRequestId = env.calls().findAll { it.accessKeyId == 'AKIAITRETRYFIRST0000' && it.operation == 'SetRepositoryPolicy' }
        .last().requestId
assert log.contains("ECR SetRepositoryPolicy for repository ${name} failed after 2 attempts: ECR failed on its " +
        "side (ServerException, HTTP 500, request ID ${lastRequestId}). Build again later")
assert log.contains('the next build continues where this one stopped')

def second = env.operations('AKIAITRETRYSECOND000')
assert !second.contains('CreateRepository') : second
assert env.outcomes('AKIAITRETRYSECOND000', 'SetRepositoryPolicy') == ['OK']
assert log.contains("ECR repository ${name} updated (set repository policy)")
assert env.repository(name).orElseThrow().policyText != null
return true
