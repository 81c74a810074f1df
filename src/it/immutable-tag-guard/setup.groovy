import io.github.ecrmavenplugin.testenv.ItEnvironment

// Version 1.0 was pushed before, into a repository with immutable tags.
ItEnvironment.load(environmentFile).seedRepository(io.github.ecrmavenplugin.json.Json.write(
    [name: 'it/immutable-tag-guard', imageTagMutability: 'IMMUTABLE', imageTags: ['1.0']]))
return true
