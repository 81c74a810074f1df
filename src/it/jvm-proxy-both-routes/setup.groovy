import io.github.ecrmavenplugin.proxy.RecordingProxy

// A proxy of this test's own, which asks for no credentials (the shared one does: the JVM has no way to give them).
def proxy = RecordingProxy.start(0, new File(basedir, 'jvm-proxy.log').toPath())
// verify.groovy runs in this JVM and closes it.
System.properties.put('it.jvm-proxy-both-routes.proxy', proxy)
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/jvm.config').text =
        "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=${proxy.port()} -Dhttp.nonProxyHosts=\n"
return true
