import io.github.ecrmavenplugin.testenv.ItEnvironment
import io.github.ecrmavenplugin.json.Json

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def name = 'it/lambda-statement-kept'

// 1: plan mode reads only and shows the statement as kept.
env.assertNoWrites('AKIAITLAMBDAKEPT0001')
assert log.contains('      = statement "LambdaECRImageRetrievalPolicy": kept (an AWS service manages it)') : log
assert log.contains('      - statement "Scanner"')

// 2: the policy is replaced, Lambda's statement kept, and the log says why.
assert env.operations('AKIAITLAMBDAKEPT0002').count('SetRepositoryPolicy') == 1
assert log.contains("ECR repository ${name}: kept statement \"LambdaECRImageRetrievalPolicy\" of the policy in ECR: "
    + "AWS Lambda adds it when a function is created from this repository's image")
def statements = Json.parse(env.repository(name).orElseThrow().policyText).Statement
def bySid = statements.collectEntries { [(it.Sid): it] }
assert bySid.keySet() == ['LambdaECRImageRetrievalPolicy', 'AllowPull'] as Set : bySid.keySet()
assert bySid.LambdaECRImageRetrievalPolicy.Principal.Service == 'lambda.amazonaws.com'
assert bySid.LambdaECRImageRetrievalPolicy.Action == ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']
assert bySid.AllowPull.Principal.AWS == 'arn:aws:iam::210987654321:root'

// 3: nothing to write.
env.assertNoWrites('AKIAITLAMBDAKEPT0003')
assert log.contains("ECR repository ${name} up to date")
return true
