import io.github.ecrmavenplugin.testenv.ItEnvironment

ItEnvironment.load(environmentFile).faults('{"serverError": {"GetAuthorizationToken": 3}}')
return true
