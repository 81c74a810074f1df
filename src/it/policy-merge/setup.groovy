import io.github.ecrmavenplugin.testenv.ItEnvironment

// A scanner's statement added by another tool, and an outdated version of the plugin's own AllowPull statement.
def policy = '{"Version":"2012-10-17","Statement":[' +
    '{"Sid":"ExternalScanner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/scanner"},"Action":["ecr:DescribeImages","ecr:BatchGetImage"]},' +
    '{"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":["ecr:BatchGetImage"]}]}'
ItEnvironment.load(environmentFile).seedRepository(
    io.github.ecrmavenplugin.json.Json.write([name: 'it/policy-merge', policyText: policy]))
return true
