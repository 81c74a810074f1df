import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
// Tags someone added by hand, one the POM changes, and one AWS manages.
env.seedRepository(io.github.ecrmavenplugin.json.Json.write([name: 'it/purge-tags',
    tags: [team: 'platform', owner: 'alice', 'temporary': 'yes', 'aws:cloudformation:stack-name': 'legacy']]))
return true
