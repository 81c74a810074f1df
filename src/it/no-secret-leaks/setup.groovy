import io.github.ecrmavenplugin.testenv.ItEnvironment

ItEnvironment.load(environmentFile).faults('{"serverError": {"GetAuthorizationToken": 2}}')
return true
