import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def name = 'it/lambda-statement-kept'
// An outdated statement of the plugin's, and someone's scanner statement that replace mode drops.
def policy = '{"Version":"2012-10-17","Statement":[' +
    '{"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":["ecr:BatchGetImage"]},' +
    '{"Sid":"Scanner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/scanner"},"Action":["ecr:BatchGetImage"]}]}'
env.seedRepository(io.github.ecrmavenplugin.json.Json.write([name: name, policyText: policy]))
// Then a Lambda function is created from the repository's image: Lambda adds its own statement.
env.lambdaFunctionCreated(name)
return true
