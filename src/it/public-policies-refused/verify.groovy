import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text

// The three invocations write to the one build.log.
assert log.contains('<policy>: statement "AllButOne" is public: it uses "NotPrincipal", which allows everyone but '
    + 'the principals it lists, with no condition') : log
assert log.contains('<policy>: statement "TlsOnly" is public: its principal is "*" (everyone), and its condition '
    + 'pins none of the keys that say who or from where')
assert log.contains('<policy>: statement "AnyRoot" is public: its principal {"AWS":"arn:aws:iam::*:root"} holds a '
    + 'wildcard, with no condition')
assert log.contains('<allowPublicAccess>true</allowPublicAccess>')

['AKIAITPUBLICREFUSED1', 'AKIAITPUBLICREFUSED2', 'AKIAITPUBLICREFUSED3'].each { key ->
    assert env.operations(key).isEmpty() : "${key}: ${env.operations(key)}"
}
assert !env.repository('it/public-policies-refused').isPresent()
return true
