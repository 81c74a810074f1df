import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def name = 'it/immutable-tag-guard'

// The guard fails before any write.
def first = env.assertNoWrites('AKIAITTAGGUARD000001')
assert first.contains('DescribeImages') : first
assert log.contains("Image tag 1.0 already exists in ECR repository ${name}, whose tags are immutable (IMMUTABLE)")
assert !log.contains("Jib pushes to ${env.registryHost()}/${name}:1.0")

def second = env.operations('AKIAITTAGGUARD000002')
assert second.contains('PutImageScanningConfiguration') : second
assert log.contains("Jib pushes to ${env.registryHost()}/${name}:1.1")
return true
