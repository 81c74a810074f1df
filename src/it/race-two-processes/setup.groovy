import io.github.ecrmavenplugin.testenv.ItEnvironment

// A second, separate `mvn` process builds a copy of this project while the invoker runs the first one. Both look
// the repository up at the same moment (the emulator's rendezvous), find it missing and race to create it.
def env = ItEnvironment.load(environmentFile)
env.faults('{"rendezvous": {"it/race/two-processes": 2}, "rendezvousTimeoutMillis": 60000}')

def second = new File(basedir, 'second')
second.mkdirs()
new File(second, 'pom.xml').text = new File(basedir, 'pom.xml').text
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
def settings = new File(basedir.parentFile, 'interpolated-settings.xml')
assert settings.isFile() : "no invoker settings at $settings"
def command = [mvn, '-B', '-s', settings.absolutePath, "-Dmaven.repo.local=${localRepositoryPath}",
               "-Decr.endpoint=${env.emulatorUrl()}", 'package'].collect { "'${it}'" }.join(' ')
def builder = new ProcessBuilder('bash', '-c', "${command} > build.log 2>&1; echo \$? > exit-code")
        .directory(second)
def environment = builder.environment()
['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE'].each { environment.remove(it) }
environment.putAll([
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIAITRACESECOND0000',
        AWS_SECRET_ACCESS_KEY: 'it-default-secret-key-0000000000000000000',
        AWS_CONFIG_FILE: new File(basedir, 'no-aws-config').absolutePath,
        AWS_SHARED_CREDENTIALS_FILE: new File(basedir, 'no-aws-credentials').absolutePath,
        AWS_EC2_METADATA_DISABLED: 'true'])
builder.start()
return true
