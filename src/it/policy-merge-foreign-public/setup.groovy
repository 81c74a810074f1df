import io.github.ecrmavenplugin.testenv.ItEnvironment

// Someone else's statement, open to everyone, and an outdated version of the plugin's own AllowPull statement.
ItEnvironment.load(environmentFile).seedRepositoryWithPolicy('it/policy-merge-foreign-public',
    '{"Sid":"PublicMirror","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}',
    ItEnvironment.OUTDATED_ALLOW_PULL)
return true
