import io.github.ecrmavenplugin.testenv.ItEnvironment

// Someone changed tag mutability, scanning and a tag by hand, and added a tag of their own. The policy and the
// lifecycle policy are as the POM declares them, in another layout. The repository was created with AES256.
ItEnvironment.load(environmentFile).seedRepositoryChangedByHand('it/settings-drift')
return true
