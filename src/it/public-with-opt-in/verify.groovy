import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def policy = io.github.ecrmavenplugin.json.Json.parse(env.repository('it/public-with-opt-in').orElseThrow().policyText)
assert policy.Version == '2008-10-17'
assert policy.Statement[0].Principal == '*'
assert policy.Statement[0].Action == ['ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'ecr:BatchCheckLayerAvailability']
assert !policy.Statement[0].containsKey('Resource')
return true
