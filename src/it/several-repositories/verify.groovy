import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text

def first = env.operations('AKIAITSEVERALREPO001')
assert first.count('CreateRepository') == 2 : first
def api = env.repository('it/several-api').orElseThrow()
def worker = env.repository('it/several-worker').orElseThrow()
assert api.imageTagMutability == 'IMMUTABLE' && api.tags == [component: 'api'] && api.scanOnPush == false
assert worker.imageTagMutability == 'MUTABLE' && worker.scanOnPush == true && worker.lifecyclePolicyText != null
assert log.contains("ECR repository it/several-api created: ")
assert log.contains("ECR repository it/several-worker created with its lifecycle policy: ")

// Steady state: one DescribeRepositories for both, plus only the reads each one's declared settings need.
def second = env.operations('AKIAITSEVERALREPO002')
assert second.count('DescribeRepositories') == 1 : second
assert second.sort(false) == ['DescribeRepositories', 'GetLifecyclePolicy', 'ListTagsForResource'] : second
assert log.contains("ECR repository it/several-api up to date")
assert log.contains("ECR repository it/several-worker up to date")
def host = env.registryHost()
assert log.contains("first=${host}/it/several-api worker=${host}/it/several-worker")
return true
