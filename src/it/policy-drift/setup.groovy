import io.github.ecrmavenplugin.testenv.ItEnvironment

// Someone granted a different account by hand.
ItEnvironment.load(environmentFile).seedRepositoryWithPolicy('it/policy-drift', ItEnvironment.OUTDATED_ALLOW_PULL)
return true
