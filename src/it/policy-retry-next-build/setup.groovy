import io.github.ecrmavenplugin.testenv.ItEnvironment

ItEnvironment.load(environmentFile).faults('{"serverError": {"SetRepositoryPolicy": 2}}')
return true
