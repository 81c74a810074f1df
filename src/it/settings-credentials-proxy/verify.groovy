import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def key = 'AKIAITSETTINGSSERVER'

// Signed with the server's key and its decrypted secret (the emulator checks the signature of this key).
def calls = env.calls().findAll { it.accessKeyId == key }
assert calls*.operation.containsAll(['DescribeRepositories', 'CreateRepository']) : calls
assert calls.every { !(it.errorType in ['InvalidSignatureException', 'UnrecognizedClientException']) } : calls
assert env.repository('it/settings-credentials-proxy').isPresent()
assert log.contains("AWS credentials: settings.xml server 'it-ecr' (access key AKIA…RVER)")

// Every AWS call went through the proxy's HTTPS tunnel, opened with the decrypted proxy password (the proxy answers
// 407 otherwise), although the endpoint is on 127.0.0.1.
assert log.contains("AWS calls go through proxy 127.0.0.1:") && log.contains("(settings.xml proxy 'it-proxy', user it-proxy-user")
def https = env.emulatorHttpsUrl()
def tunnels = env.proxyRequests().findAll { it.startsWith('CONNECT ' + https.replaceAll('^https://', '') + ' ') }
assert !tunnels.isEmpty() : env.proxyRequests()
assert tunnels.every { it.endsWith('user=it-proxy-user authenticated=true status=0') } : tunnels
assert env.proxyRequests().findAll { it.contains(env.emulatorUrl()) }.isEmpty() : 'nothing went to the plain-HTTP port'
def plugin = ItEnvironment.pluginOutput(log, 'io.github.ecrmavenplugin', 'ecr-maven-plugin', 'ecr')
assert plugin.contains('AWS calls go through proxy') && !plugin.contains('[WARNING]') : plugin

// No secret in the build's output.
assert !log.contains('it/settings/server/secret')
assert !log.contains('it-proxy-password')
return true
