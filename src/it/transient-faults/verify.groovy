import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def key = 'AKIAITTRANSIENT00000'

// The stalled attempt is logged when the emulator finishes it, after the build moved on.
def deadline = System.currentTimeMillis() + 10_000
while (env.outcomes(key, 'DescribeRepositories').size() < 2 && System.currentTimeMillis() < deadline) {
    Thread.sleep(200)
}
assert env.outcomes(key, 'CreateRepository') ==
        ['ThrottlingException', 'ThrottlingException', 'ThrottlingException', 'OK']
assert env.outcomes(key, 'SetRepositoryPolicy') == ['ServerException', 'ServerException', 'OK']
// The retry is answered: no repository yet, so no policy either (read as "none").
assert env.outcomes(key, 'GetRepositoryPolicy') == ['ConnectionDropped', 'RepositoryNotFoundException']
// Two answers (not found, or found once the stalled one woke after the repository was created): one attempt
// abandoned when its share of the timeout ran out, one retried.
def describes = env.outcomes(key, 'DescribeRepositories')
assert describes.size() == 2 && describes.every { it in ['OK', 'RepositoryNotFoundException'] } : describes

def policy = io.github.ecrmavenplugin.json.Json.parse(env.repository('it/transient-faults').orElseThrow().policyText)
assert policy.Statement[0].Principal.AWS == 'arn:aws:iam::210987654321:root'
assert log.contains('ECR repository it/transient-faults created with its repository policy')
return true
