import io.github.ecrmavenplugin.testenv.ItEnvironment
import io.github.ecrmavenplugin.json.Json

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def name = 'it/policy-merge-foreign-public'

def operations = env.assertNoWrites('AKIAITMERGEPUBLIC001')
assert operations.contains('GetRepositoryPolicy') : operations
assert log.contains("ECR repository ${name}: nothing was written. The statement \"PublicMirror\" of the policy in "
    + 'ECR, which the plugin keeps, is public: its principal is "*" (everyone), with no condition.') : log
assert log.contains('Either set <allowPublicAccess>true</allowPublicAccess> (-Decr.allowPublicAccess)')
assert log.contains('or remove or narrow that statement in ECR')
// ECR still holds what it held.
def statements = Json.parse(env.repository(name).orElseThrow().policyText).Statement
assert statements.collect { it.Sid } == ['PublicMirror', 'AllowPull']
assert statements[1].Principal.AWS == 'arn:aws:iam::999999999999:root'
return true
