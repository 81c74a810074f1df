import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def name = 'it/create-then-up-to-date'

// The repository's reads side by side; then, the repository being missing, the registry's creation templates and
// pull through cache rules side by side; then the writes.
def first = env.operations('AKIAITCREATEFIRST000')
assert first.take(2).sort() == ['DescribeRepositories', 'GetRepositoryPolicy'] : first
assert first.drop(2).take(2).sort() == ['DescribePullThroughCacheRules', 'DescribeRepositoryCreationTemplates'] : first
assert first.drop(4) == ['CreateRepository', 'SetRepositoryPolicy'] : first

def second = env.operations('AKIAITCREATESECOND00')
assert second.sort(false) == ['DescribeRepositories', 'GetRepositoryPolicy'] : "second build made writes: $second"

// Every call, read or write, goes through the AWS SDK's client.
def agents = { key -> env.calls().findAll { it.accessKeyId == key }.collectEntries { [(it.operation): it.userAgent] } }
assert agents('AKIAITCREATEFIRST000').values().every { it.startsWith('aws-sdk-java/') } : agents('AKIAITCREATEFIRST000')
assert agents('AKIAITCREATESECOND00').values().every { it.startsWith('aws-sdk-java/') } : agents('AKIAITCREATESECOND00')

def repo = env.repository(name).orElseThrow()
def policy = io.github.ecrmavenplugin.json.Json.parse(repo.policyText)
assert policy.Statement[0].Principal.AWS == 'arn:aws:iam::210987654321:root'
assert policy.Statement[0].Principal.Service == 'lambda.amazonaws.com'
assert policy.Statement[0].Action == ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']

def url = "${env.registryHost()}/${name}"
assert log.contains("ECR repository ${name} created with its repository policy: ${url}")
assert log.contains("ECR repository ${name} up to date: ${url}")
assert log.contains("later execution sees url=${url} arn=arn:aws:ecr:us-east-1:123456789012:repository/${name} registry=${env.registryHost()} id=123456789012 name=${name}")
return true
