import io.github.ecrmavenplugin.testenv.ItEnvironment

// Quarkus pushed through the ensured repository, with the image name and credentials handed over; no secret in this
// plugin's output, under -X.
def env = ItEnvironment.load(environmentFile)
env.assertBuilderPushed(basedir, 'AKIAITQUARKUS0000000', 'Quarkus', 'it/quarkus-push', '1.0',
        ['itQuarkusDebugSecretKeyValue000000000000', 'itQuarkusDebugSessionTokenValue00000000'])
// verify-image takes the digest Quarkus's Jib extension wrote after its push (quarkus.jib.image-digest-file).
def digest = env.registryDigest('it/quarkus-push', '1.0').orElseThrow()
assert new File(basedir, 'target/jib-image.digest').text.trim() == digest
def log = ItEnvironment.buildLog(basedir)
assert log =~ /ECR image it\/quarkus-push:1\.0: ${digest}, [0-9.]+ KB, pushed \S+ \(digest from \S*jib-image\.digest\)/
return true
