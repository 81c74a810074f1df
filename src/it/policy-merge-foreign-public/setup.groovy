import io.github.ecrmavenplugin.testenv.ItEnvironment

// Someone else's statement, open to everyone, and an outdated version of the plugin's own AllowPull statement.
def policy = '{"Version":"2012-10-17","Statement":[' +
    '{"Sid":"PublicMirror","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]},' +
    '{"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":["ecr:BatchGetImage"]}]}'
ItEnvironment.load(environmentFile).seedRepository(
    io.github.ecrmavenplugin.json.Json.write([name: 'it/policy-merge-foreign-public', policyText: policy]))
return true
