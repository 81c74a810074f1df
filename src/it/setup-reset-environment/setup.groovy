import io.github.ecrmavenplugin.testenv.ItEnvironment

ItEnvironment.load(environmentFile).reset()
return true
