import io.github.ecrmavenplugin.testenv.ItEnvironment

def log = new File(basedir, 'build.log').text
assert log.contains('<pullPolicy/principals>: the principal "*" lets every AWS account in the world pull')
assert log.contains('<allowPublicAccess>true</allowPublicAccess>')
assert ItEnvironment.load(environmentFile).operations('AKIAITPUBLICNOOPTIN0').isEmpty()
assert !ItEnvironment.load(environmentFile).repository('it/public-without-opt-in').isPresent()
return true
