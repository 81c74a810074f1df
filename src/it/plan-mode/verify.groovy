import io.github.ecrmavenplugin.testenv.ItEnvironment
import io.github.ecrmavenplugin.json.Json

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def name = 'it/plan-mode'

// 1, 2: -Decr.plan=yes and -Decr.failOnDrift=1 fail before any call, naming the parameter and the value
assert env.operations('AKIAITPLANMODE000005') == []
assert env.operations('AKIAITPLANMODE000006') == []
assert log.contains('<plan>: "yes" is neither true nor false') : log
assert log.contains('<failOnDrift>: "1" is neither true nor false') : log

// 3: reads only, and the diff is in the log
def first = env.assertNoWrites('AKIAITPLANMODE000001')
assert !first.isEmpty() : first
assert log.contains("ECR plan (reads only, nothing changed):")
assert log.contains("${name}: 3 differences")
assert log.contains("  ~ imageTagMutability: MUTABLE -> IMMUTABLE")
assert log.contains("  ~ scanOnPush: false -> true")
assert log.contains("  ~ tag team: search -> payments")
def plan = Json.parse(new File(basedir, 'target/plan-1.json').text)
assert plan.inSync == false
assert plan.repositories[0].name == name
assert plan.repositories[0].changes*.type == ['setTagMutability', 'setScanOnPush', 'tagRepository']
assert plan.repositories[0].changes[0].current.mode == 'MUTABLE'
assert plan.repositories[0].changes[0].desired.mode == 'IMMUTABLE'
// the registry around the repository, read in plan mode only
assert log.contains("registry: no creation template applies on push to ${name}")
assert log.contains("registry: no replication rule covers ${name}: its images stay in this registry")
// (other ITs share the registry: a signing rule of theirs may exist, covering only their own repositories)
assert log =~ /registry: (the registry has no signing configuration|no signing rule of the registry covers it\/plan-mode): ECR does not sign the images pushed to it/
assert plan.repositories[0].registry.signing.rules == []
assert plan.repositories[0].registry.creationTemplate.prefix == null
assert plan.repositories[0].registry.replication.rules == []
assert first.contains('DescribeRegistry') && !env.operations('AKIAITPLANMODE000003').contains('DescribeRegistry')

// 4: failOnDrift fails, without writing
def second = env.assertNoWrites('AKIAITPLANMODE000002')
assert !second.isEmpty() : second
assert log.contains("ECR differs from the POM for 1 of 1 repository")

// 5 applies; 6 passes in sync and writes the in-sync plan
assert env.writes('AKIAITPLANMODE000003') == ['PutImageTagMutability', 'PutImageScanningConfiguration', 'TagResource']
env.assertNoWrites('AKIAITPLANMODE000004')
assert log.contains("  ${name}: up to date")
assert Json.parse(new File(basedir, 'target/ecr-plan.json').text).inSync == true
return true
