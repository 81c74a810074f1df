import io.github.ecrmavenplugin.testenv.ItEnvironment

// The three modules of the shared repository look it up at the same moment, so all three find it missing and
// race to create it: the race is certain, not left to timing. (The rendezvous gives up, rather than hang the build,
// if one never comes.)
ItEnvironment.load(environmentFile).faults('{"rendezvous": {"it/race/shared": 3}, "rendezvousTimeoutMillis": 20000}')
return true
