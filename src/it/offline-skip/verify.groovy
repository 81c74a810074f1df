import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] Maven runs offline (-o): skipping the ECR repository check')
assert env.operations('AKIAITOFFLINE0000000').isEmpty()
assert !env.repository('it/offline-skip').isPresent()
return true
