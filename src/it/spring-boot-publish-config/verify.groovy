import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def repo = 'it/spring-boot-publish-config'
def image = "${env.registryHost()}/${repo}:1.0"

assert env.operations('AKIAITSPRINGBOOT0000').containsAll(['CreateRepository', 'GetAuthorizationToken'])
// 1: Spring Boot took the image name from spring-boot.build-image.imageName and accepted <publishRegistry>, whose
// ${ecr.push.password} Maven resolved from the property the plugin set: it went on to build the image and stopped
// only at the missing Docker daemon.
assert log.contains("Spring Boot pushes to ${image}")
assert log.contains("Building image '${image}'")
assert log.contains("Connection to the Docker daemon at '127.0.0.1:1' failed")
// 2: without imageBuilders the same configuration has no password, and Spring Boot refuses it before it starts
// building.
assert !env.operations('AKIAITSPRINGBOOTCTRL').contains('GetAuthorizationToken')
assert !log.contains("Building image 'docker.io/library/spring-boot-publish-config:1.0'")
assert log.contains('Invalid Docker publish registry configuration, either token or username/password must be provided')
assert log.indexOf("Building image '${image}'") < log.indexOf('Invalid Docker publish registry configuration')
// No -X here, and the token is not in the log
assert !log.contains(env.registryPassword())
return true
