import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = ItEnvironment.buildLog(basedir)
def name = 'it/settings-drift'

// Only the drifted settings are written; the policy and lifecycle policy (same meaning) are not.
assert env.writes('AKIAITSETDRIFT000001') == ['PutImageTagMutability', 'PutImageScanningConfiguration', 'TagResource']

def repo = env.repository(name).orElseThrow()
assert repo.imageTagMutability == 'IMMUTABLE'
assert repo.scanOnPush == true
// The tag someone added is kept: only purgeTags removes tags.
assert repo.tags == [owner: 'someone', team: 'payments']
// Encryption cannot change: reported, never "fixed".
assert repo.encryptionType == 'AES256'
assert log.contains("[WARNING] ECR repository ${name}: encryption is AES256 in ECR but the POM declares KMS")
assert log.contains("ECR repository ${name} updated (image tag mutability MUTABLE -> IMMUTABLE, scan on push on, tag team)")

assert env.writes('AKIAITSETDRIFT000002').isEmpty()
assert log.contains("ECR repository ${name} up to date")
return true
