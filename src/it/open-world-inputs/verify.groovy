import io.github.ecrmavenplugin.testenv.ItEnvironment
import io.github.ecrmavenplugin.json.Json

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text

// the name ECR's service model accepts (a docs page shows a stricter pattern)
def named = env.repository('team/a__b--c').orElseThrow()
assert log.contains('ECR repository team/a__b--c created with its repository policy')

// an action the bundled SDK knows (newer than the old list) is applied; one it does not know is sent with a warning
def actions = Json.parse(named.policyText).Statement[0].Action
assert actions == ['ecr:UpdateImageStorageClass', 'ecr:ListImageReferrers', 'ecr:DescribeImageLineage']
assert log.contains('[WARNING] <repositories[1]/policy>: statement "Archive" has the action "ecr:DescribeImageLineage", which the bundled AWS SDK does not know')
assert !log.contains('"ecr:UpdateImageStorageClass", which')

// 150 principals: over 10,240 characters as written, about half as sent
def file = new File(basedir, 'many-principals.json').text
assert file.length() > 10240
def stored = Json.parse(env.repository('it/many-principals').orElseThrow().policyText)
assert stored.Statement[0].Principal.AWS.size() == 150
assert Json.write(stored).length() < 6000
return true
