import io.github.ecrmavenplugin.testenv.ItEnvironment

// Integration builds run one at a time, so these counted faults hit this build's calls.
// timeout 6 s in the POM: one attempt may take 2 s, so the 3 s stall of the first DescribeRepositories is abandoned.
ItEnvironment.load(environmentFile).faults('''{
  "throttle": {"CreateRepository": 3},
  "serverError": {"SetRepositoryPolicy": 2},
  "dropConnection": {"GetRepositoryPolicy": 1},
  "latencySpike": {"DescribeRepositories": 1}, "latencySpikeMillis": 3000
}''')
return true
