import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def secrets = [
        'AWS secret key'      : 'itLeakTestSecretKey/0123456789ABCDEFGHIJKLMN',
        'AWS session token'   : 'itLeakTestSessionToken+FwoGZXIvYXdzEJr//////////wEaDOpq0123456789',
        'ECR registry password': env.registryPassword()]

// The builds ran as intended: -X on, the first failed on the token, the second got one.
assert log.contains('[DEBUG]')
// The first build's token read, tried twice.
assert env.outcomes('AKIAITLEAKFIRST00000', 'GetAuthorizationToken') == ['ServerException', 'ServerException']
assert env.outcomes('AKIAITLEAKSECOND0000', 'GetAuthorizationToken') == ['OK']
assert log.contains('ECR GetAuthorizationToken failed after 2 attempts: ECR failed on its side (ServerException')
assert log.contains('Jib push credentials set for')

// The plugin's own output: from each of its mojo headers to the next section, and the failure it caused
// (Maven prints the exception chain under -X after the build summary).
def section = ItEnvironment.pluginOutput(log, 'io.github.ecrmavenplugin', 'ecr-maven-plugin', 'ecr')
assert section.contains('[DEBUG]') : 'the plugin sections were found'
assert section.contains('at io.github.ecrmavenplugin.') : 'the stack trace of the failure is in the scanned text'
secrets.each { what, secret -> assert !section.contains(secret) : "the plugin's output shows the $what" }
assert !section.toLowerCase().contains('x-amz-security-token') : "the SDK's signer logged a canonical request"
// Only the plugin knows the ECR password, so it must be nowhere in the log at all.
assert !log.contains(env.registryPassword()) : 'the build log shows the ECR registry password'
// This POM runs no other plugin (packaging pom: no resources plugin printing the environment), so the whole log
// is the plugin's and Maven's own: no secret anywhere.
secrets.each { what, secret -> assert !log.contains(secret) : "the build log shows the $what" }

// Nothing the build wrote under target/ holds a secret.
def holding = ItEnvironment.filesHolding(new File(basedir, 'target'), secrets)
assert holding.isEmpty() : holding
return true
