import io.github.ecrmavenplugin.testenv.ItEnvironment
import io.github.ecrmavenplugin.json.Json

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def name = 'it/lambda-accounts'

assert env.operations('AKIAITLAMBDAACCOUNT1').count('SetRepositoryPolicy') == 1
assert log.contains("ECR repository ${name} created with its repository policy")
assert !log.contains('confused-deputy') : 'the pair binds Lambda to the accounts\' functions'

// A second, independent client reads the policy back: the AWS CLI.
def aws = new File('/usr/bin/aws')
assert aws.canExecute() : 'the AWS CLI is needed (apt-get install awscli)'
def home = new File(basedir, 'aws-cli-home')
home.mkdirs()
def process = new ProcessBuilder(aws.path, 'ecr', 'get-repository-policy', '--repository-name', name,
        '--endpoint-url', env.emulatorUrl(), '--region', 'us-east-1', '--output', 'json')
        .redirectErrorStream(true)
process.environment().keySet().removeIf { it.startsWith('AWS_') }
process.environment().putAll([HOME: home.path, AWS_ACCESS_KEY_ID: 'AKIAITLAMBDACLIREAD0',
        AWS_SECRET_ACCESS_KEY: 'it-cli-secret-key-000000000000000000000', AWS_PAGER: '',
        AWS_CONFIG_FILE: new File(home, 'config').path, AWS_SHARED_CREDENTIALS_FILE: new File(home, 'credentials').path,
        AWS_EC2_METADATA_DISABLED: 'true'])
def started = process.start()
def output = started.inputStream.text
assert started.waitFor() == 0 : output
def policy = Json.parse(Json.parse(output).policyText)
def bySid = policy.Statement.collectEntries { [(it.Sid): it] }
assert bySid.keySet() == ['AllowLambdaAccountsPull', 'AllowLambdaServicePull'] as Set : bySid.keySet()
assert bySid.AllowLambdaAccountsPull.Principal.AWS ==
        ['arn:aws:iam::123456789012:root', 'arn:aws:iam::210987654321:root']
assert bySid.AllowLambdaAccountsPull.Action == ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']
assert bySid.AllowLambdaServicePull.Principal.Service == 'lambda.amazonaws.com'
assert bySid.AllowLambdaServicePull.Condition.StringLike.'aws:sourceArn' ==
        ['arn:aws:lambda:us-east-1:123456789012:function:*', 'arn:aws:lambda:us-east-1:210987654321:function:*']

env.assertNoWrites('AKIAITLAMBDAACCOUNT2')
assert log.contains("ECR repository ${name} up to date")
return true
