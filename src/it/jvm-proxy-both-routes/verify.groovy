import io.github.ecrmavenplugin.testenv.ItEnvironment

System.properties.remove('it.jvm-proxy-both-routes.proxy')?.close()
def env = ItEnvironment.load(environmentFile)
def calls = env.calls().findAll { it.accessKeyId == 'AKIAITJVMPROXY000000' }

// The repository was created: the reads and the writes, all through the SDK's client.
assert env.repository('it/jvm-proxy-both-routes').isPresent()
assert calls*.operation.containsAll(['DescribeRepositories', 'CreateRepository']) : calls
assert calls.every { it.userAgent.startsWith('aws-sdk-java') } : calls

// One tunnel per call (keep-alive off), every one through the JVM's proxy: none went around it.
def https = env.emulatorHttpsUrl().replaceAll('^https://', '')
def tunnels = new File(basedir, 'jvm-proxy.log').readLines().findAll { it.startsWith("CONNECT ${https} ") }
assert tunnels.every { it.endsWith('status=0') } : tunnels
assert tunnels.size() == calls.size() : "${tunnels.size()} tunnels for ${calls.size()} calls: ${calls*.operation}"
return true
