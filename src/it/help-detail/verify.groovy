def log = new File(basedir, 'build.log').text

assert log.contains('ecr:ensure-repository')
assert log.contains('ecr:help')
// Every parameter, with its user property, from the Javadoc.
['repositoryName', 'region', 'registryId', 'endpoint', 'profile', 'serverId', 'roleArn', 'roleExternalId',
 'roleSessionName', 'stsEndpoint', 'pullPolicy', 'policy', 'policyFile', 'allowPublicAccess', 'jibImage', 'jibAuth',
 'jibTag', 'skip'].each { assert log =~ /(?m)^\s+${it}\b/ : "help lacks $it" }
assert log.contains('User property: ecr.serverId')
assert log.contains('User property: ecr.roleArn')
assert log.contains('roleSessionName (Default: ecr-maven-plugin)')
assert log.contains('settings.xml')
return true
