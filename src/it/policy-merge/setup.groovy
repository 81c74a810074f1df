import io.github.ecrmavenplugin.testenv.ItEnvironment

// A scanner's statement added by another tool, and an outdated version of the plugin's own AllowPull statement.
ItEnvironment.load(environmentFile).seedRepositoryWithPolicy('it/policy-merge',
    '{"Sid":"ExternalScanner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/scanner"},"Action":["ecr:DescribeImages","ecr:BatchGetImage"]}',
    ItEnvironment.OUTDATED_ALLOW_PULL)
return true
