import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def name = 'it/settings-drift'
def writes = ItEnvironment.WRITES

// Only the drifted settings are written; the policy and lifecycle policy (same meaning) are not.
def first = env.operations('AKIAITSETDRIFT000001')
assert first.findAll { it in writes } == ['PutImageTagMutability', 'PutImageScanningConfiguration', 'TagResource'] : first

def repo = env.repository(name).orElseThrow()
assert repo.imageTagMutability == 'IMMUTABLE'
assert repo.scanOnPush == true
// The tag someone added is kept: only purgeTags removes tags.
assert repo.tags == [owner: 'someone', team: 'payments']
// Encryption cannot change: reported, never "fixed".
assert repo.encryptionType == 'AES256'
assert log.contains("[WARNING] ECR repository ${name}: encryption is AES256 in ECR but the POM declares KMS")
assert log.contains("ECR repository ${name} updated (image tag mutability MUTABLE -> IMMUTABLE, scan on push on, tag team)")

def second = env.operations('AKIAITSETDRIFT000002')
assert second.findAll { it in writes }.isEmpty() : second
assert log.contains("ECR repository ${name} up to date")
return true
