import io.github.ecrmavenplugin.testenv.ItEnvironment

// Integration builds run one at a time, so these counted faults hit this build's calls.
// The stall of the first DescribeRepositories outlasts what one attempt may take of the POM's <timeout>, so that
// attempt is abandoned and retried.
ItEnvironment.load(environmentFile).faults('''{
  "throttle": {"CreateRepository": 3},
  "serverError": {"SetRepositoryPolicy": 2},
  "dropConnection": {"GetRepositoryPolicy": 1},
  "latencySpike": {"DescribeRepositories": 1}, "latencySpikeMillis": 3000
}''')
return true
