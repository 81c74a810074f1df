import io.github.ecrmavenplugin.testenv.ItEnvironment

// How the emulator scans what Jib pushes into each repository (it learns of each push from the registry).
def env = ItEnvironment.load(environmentFile)
env.scanPlan('{"repositoryName":"it-verify-image-clean","pendingMillis":300,"inProgressMillis":4000,"fixture":"clean"}')
env.scanPlan('{"repositoryName":"it-verify-image-critical","pendingMillis":0,"inProgressMillis":200,"fixture":"critical"}')
env.scanPlan('{"repositoryName":"it-verify-image-stuck","outcome":"NEVER"}')
// ECR's managed signing: a rule of the registry signs what is pushed to the clean repository.
env.signing('{"rules":[{"signingProfileArn":"arn:aws:signer:us-east-1:123456789012:/signing-profiles/it_signing","filters":["it-verify-image-clean"]}]}')
return true
