import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def name = 'it/lambda-statement-kept'
// An outdated statement of the plugin's, and someone's scanner statement that replace mode drops.
env.seedRepositoryWithPolicy(name, ItEnvironment.OUTDATED_ALLOW_PULL,
    '{"Sid":"Scanner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/scanner"},"Action":["ecr:BatchGetImage"]}')
// Then a Lambda function is created from the repository's image: Lambda adds its own statement.
env.lambdaFunctionCreated(name)
return true
