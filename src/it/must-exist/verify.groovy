import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def ops = env.operations('AKIAITMUSTEXIST00001')
assert ops == ['DescribeRepositories'] : ops
assert !env.repository('it/must-exist').isPresent()
assert log.contains('ECR repository it/must-exist does not exist, and <createIfMissing> is false')
return true
