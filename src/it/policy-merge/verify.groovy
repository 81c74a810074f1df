import io.github.ecrmavenplugin.testenv.ItEnvironment
import io.github.ecrmavenplugin.json.Json

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def name = 'it/policy-merge'

assert env.operations('AKIAITPOLICYMERGE001').count('SetRepositoryPolicy') == 1
def statements = Json.parse(env.repository(name).orElseThrow().policyText).Statement
def bySid = statements.collectEntries { [(it.Sid): it] }
assert bySid.keySet() == ['ExternalScanner', 'AllowPull'] as Set : bySid.keySet()
assert bySid.ExternalScanner.Principal.AWS == 'arn:aws:iam::111122223333:role/scanner'
assert bySid.AllowPull.Principal.AWS == 'arn:aws:iam::210987654321:root'
assert log.contains("ECR repository ${name} updated (update repository policy)")

def second = env.operations('AKIAITPOLICYMERGE002')
assert !second.contains('SetRepositoryPolicy') : second
assert log.contains("ECR repository ${name} up to date")
return true
