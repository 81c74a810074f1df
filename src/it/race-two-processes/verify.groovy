import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def second = new File(basedir, 'second')
def exitCode = new File(second, 'exit-code')
def deadline = System.currentTimeMillis() + 180_000
while (!(exitCode.isFile() && exitCode.text.trim()) && System.currentTimeMillis() < deadline) {
    Thread.sleep(500)
}
def secondLog = new File(second, 'build.log').text
assert exitCode.isFile() : "the second mvn process did not finish:\n$secondLog"
assert exitCode.text.trim() == '0' : "the second mvn process failed:\n$secondLog"

def name = 'it/race/two-processes'
def first = env.outcomes('AKIAITRACEFIRST00000', 'CreateRepository')
def other = env.outcomes('AKIAITRACESECOND0000', 'CreateRepository')
assert (first + other).sort() == ['OK', 'RepositoryAlreadyExistsException'] :
        "both processes raced, exactly one created it: first=$first second=$other"
def policy = io.github.ecrmavenplugin.json.Json.parse(env.repository(name).orElseThrow().policyText)
assert policy.Statement[0].Principal.AWS == 'arn:aws:iam::210987654321:root'
def logs = new File(basedir, 'build.log').text + secondLog
assert logs.contains("ECR repository ${name} created with its repository policy")
return true
