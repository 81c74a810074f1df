import io.github.ecrmavenplugin.testenv.ItEnvironment
import io.github.ecrmavenplugin.json.Json

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def repo = 'it/docker-maven-plugin-push'

assert env.operations('AKIAITDOCKERMAVEN001').containsAll(['CreateRepository', 'GetAuthorizationToken'])
// docker:push asked the daemon to push the ensured repository's image, tag 1.0 (the project version) ...
def pushes = env.dockerRequests().findAll { it.startsWith('POST ') && it.contains('/push') }
assert pushes.size() == 1 : env.dockerRequests()
def (method, uri, auth) = pushes[0].split(' ')
def path = URLDecoder.decode(uri, 'UTF-8')
assert path.contains("/images/${env.registryHost()}/${repo}/push") : path
assert path.endsWith('tag=1.0') : path
// ... with the ECR token's credentials in X-Registry-Auth (the registry is the image name's).
def credentials = Json.parse(new String(Base64.getUrlDecoder().decode(auth), 'UTF-8'))
assert credentials.keySet() == ['username', 'password'] as Set : credentials.keySet()
assert credentials.username == 'AWS'
assert credentials.password == env.registryPassword() : 'the ECR token'
assert log.contains("Pushed ${env.registryHost()}/${repo}:1.0")
// The token is not in the log.
assert !log.contains(env.registryPassword())
return true
