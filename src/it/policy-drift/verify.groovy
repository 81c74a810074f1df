import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def ops = env.operationsOn('it/policy-drift')
assert ops.count('SetRepositoryPolicy') == 1 : ops
assert !ops.contains('CreateRepository') : ops
def policy = io.github.ecrmavenplugin.json.Json.parse(env.repository('it/policy-drift').orElseThrow().policyText)
assert policy.Statement[0].Principal.AWS == 'arn:aws:iam::210987654321:root'
assert log.contains('ECR repository it/policy-drift updated (update repository policy)')
return true
