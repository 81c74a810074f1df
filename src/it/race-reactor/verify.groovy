import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text

def creates = env.outcomesOn('it/race/shared', 'CreateRepository')
assert creates.sort(false) == ['OK', 'RepositoryAlreadyExistsException', 'RepositoryAlreadyExistsException'] :
        "all three raced, exactly one created it: $creates"
assert env.outcomesOn('it/race/own-d', 'CreateRepository') == ['OK']
assert env.outcomesOn('it/race/own-e', 'CreateRepository') == ['OK']

for (name in ['it/race/shared', 'it/race/own-d', 'it/race/own-e']) {
    def policy = io.github.ecrmavenplugin.json.Json.parse(env.repository(name).orElseThrow().policyText)
    assert policy.Statement[0].Principal.AWS == 'arn:aws:iam::210987654321:root' : name
}
assert log.count('ECR repository it/race/shared ') == 3
assert log.contains('ECR repository it/race/shared created with its repository policy')
assert log.contains('BUILD SUCCESS')
return true
