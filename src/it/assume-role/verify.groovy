import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def base = 'AKIAITASSUMEROLEBASE'

def sessions = env.stsSessions().findAll { it.callerAccessKeyId == base }
assert sessions.size() == 1 : sessions
def session = sessions[0]
assert session.roleArn == 'arn:aws:iam::123456789012:role/it-deployer'
assert session.sessionName == 'it-build'
assert session.externalId == 'it-external-id'

// The base key made only the AssumeRole call; ECR saw the temporary key (with its token and signature checked).
assert env.operations(base) == ['AssumeRole']
def ecr = env.operations(session.accessKeyId)
assert ecr.containsAll(['DescribeRepositories', 'CreateRepository']) : ecr
assert env.repository('it/assume-role').isPresent()

def masked = session.accessKeyId.substring(0, 4) + '…' + session.accessKeyId.substring(16)
assert log.contains("AWS credentials: role arn:aws:iam::123456789012:role/it-deployer (session it-build, access key ${masked}) assumed with default chain, ") : log.readLines().findAll { it.contains('AWS credentials') }
assert log.contains("assumed with default chain, environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (access key AKIA…BASE)")

// Under -X neither the session token header nor the secrets show.
assert !log.toLowerCase().contains('x-amz-security-token')
assert !log.contains(session.accessKeyId) : 'the temporary key ID is only shown masked'
// Maven 4 reads logger levels from maven.logger.log.*; the plugin must not trip its warning about the old prefix.
assert !log.contains('Using deprecated property org.slf4j.simpleLogger')
return true
