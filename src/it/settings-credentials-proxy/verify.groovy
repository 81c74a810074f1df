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

// Every AWS call went through the proxy, with the decrypted proxy password (the proxy answers 407 otherwise),
// although the endpoint is on 127.0.0.1.
def port = env.emulatorUrl().replaceAll('.*:', '')
assert log.contains("AWS calls go through proxy 127.0.0.1:") && log.contains("(settings.xml proxy 'it-proxy', user it-proxy-user")
def proxied = env.proxyRequests().findAll { it.startsWith('POST ' + env.emulatorUrl()) }
assert proxied.size() == calls.size() : "proxy saw ${proxied}, emulator ${calls*.operation}"
assert proxied.every { it.endsWith('user=it-proxy-user authenticated=true status=0') } : proxied

// No secret in the build's output.
assert !log.contains('it/settings/server/secret')
assert !log.contains('it-proxy-password')
return true
