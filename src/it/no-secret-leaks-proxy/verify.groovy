import io.github.ecrmavenplugin.testenv.ItEnvironment
import io.github.ecrmavenplugin.testenv.TestEnvironmentMain

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def basic = (TestEnvironmentMain.PROXY_USER + ':' + TestEnvironmentMain.PROXY_PASSWORD).bytes.encodeBase64().toString()
def secrets = [
        'AWS secret key'          : 'itLeakProxySecretKey/0123456789ABCDEFGHIJKL',
        'proxy password'          : TestEnvironmentMain.PROXY_PASSWORD,
        'proxy Basic credentials' : basic,
        'ECR registry password'   : env.registryPassword()]

// The build ran as intended: -X on, through the proxy's HTTPS tunnel with its credentials, on the Apache client.
assert log.contains('[DEBUG]')
assert env.operations('AKIAITLEAKPROXY00000').containsAll(['DescribeRepositories', 'GetAuthorizationToken'])
assert log.contains('Jib push credentials set for')
def tunnel = 'CONNECT ' + env.emulatorHttpsUrl().replaceAll('^https://', '') + ' '
assert env.proxyRequests().any { it.startsWith(tunnel) && it.endsWith('authenticated=true status=0') }
assert log.contains('(Apache HTTP client, which sends the proxy credentials on HTTPS tunnels too)')

// Neither the secrets nor the header that carries the proxy credentials anywhere in the log: this POM runs no
// other plugin, so the whole log is the plugin's and Maven's own.
secrets.each { what, secret -> assert !log.contains(secret) : "the build log shows the $what" }
assert !log.toLowerCase().contains('proxy-authorization') : 'the build log shows the Proxy-Authorization header'
assert !log.toLowerCase().contains('x-amz-security-token')

// Nothing the build wrote under target/ holds a secret.
def holding = ItEnvironment.filesHolding(new File(basedir, 'target'), secrets)
assert holding.isEmpty() : holding
return true
