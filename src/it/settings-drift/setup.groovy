import io.github.ecrmavenplugin.testenv.ItEnvironment

// Someone changed tag mutability, scanning and a tag by hand, and added a tag of their own. The policy and the
// lifecycle policy are as the POM declares them, in another layout. The repository was created with AES256.
def policy = '{"Version":"2012-10-17","Statement":[{"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}'
def lifecycle = '{"rules":[{"rulePriority":1,"description":"Keep the last 30 images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}'
def seed = [name: 'it/settings-drift', imageTagMutability: 'MUTABLE', scanOnPush: false, encryptionType: 'AES256',
            policyText: policy, lifecyclePolicyText: lifecycle, tags: [team: 'search', owner: 'someone']]
ItEnvironment.load(environmentFile).seedRepository(io.github.ecrmavenplugin.json.Json.write(seed))
return true
