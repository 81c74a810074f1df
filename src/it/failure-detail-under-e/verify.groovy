// The two builds' output, one after the other in build.log.
def builds = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] Building failure-detail-under-e /).drop(1)
assert builds.size() == 2 : builds.size()
def (plain, withE) = builds

def message = 'ECR DescribeRepositories for repository it/failure-detail failed: ' +
    'http://127.0.0.1:1 refused the connection. Check <endpoint> (-Decr.endpoint)'
def sdkText = 'Unable to execute HTTP request'
// 1: the plugin's words; the SDK's nowhere.
assert plain.contains(message) : plain
assert !plain.contains(sdkText) : plain
assert !plain.contains('Caused by')

// 2: the same words, then the chain: the plugin's RegistryException and the SDK's own exception under it.
assert withE.contains(message) : withE
assert withE.contains('Caused by: io.github.ecrmavenplugin.registry.RegistryException') : withE
assert withE.contains('Caused by: software.amazon.awssdk.core.exception.SdkClientException: ' + sdkText) : withE
return true
