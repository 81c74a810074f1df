import io.github.ecrmavenplugin.testenv.ItEnvironment
import io.github.ecrmavenplugin.json.Json

def env = ItEnvironment.load(environmentFile)
def log = ItEnvironment.buildLog(basedir)
def name = 'it/settings-at-creation'

// Mutability, filters, scanning, encryption and tags travel with CreateRepository; the policies follow it.
def first = env.writes('AKIAITSETCREATE00001')
assert first == ['CreateRepository', 'SetRepositoryPolicy', 'PutLifecyclePolicy'] : first

def repo = env.repository(name).orElseThrow()
assert repo.imageTagMutability == 'IMMUTABLE_WITH_EXCLUSION'
assert repo.imageTagMutabilityExclusionFilters*.filter.sort() == ['dev-*', 'latest']
assert repo.scanOnPush == true
assert repo.encryptionType == 'KMS'
assert repo.kmsKey == 'arn:aws:kms:us-east-1:123456789012:key/it-key'
assert repo.tags == [env: 'prod', team: 'payments']
def rules = Json.parse(repo.lifecyclePolicyText).rules
assert rules*.rulePriority*.intValue() == [1, 2, 3]
assert rules[0].selection.tagStatus == 'untagged' && rules[0].selection.countNumber.intValue() == 14
assert rules[1].selection.tagPrefixList == ['pr-'] && rules[1].selection.countType == 'imageCountMoreThan'
assert rules[2].selection.tagStatus == 'any' && rules[2].selection.countNumber.intValue() == 30
assert Json.parse(repo.policyText).Statement[0].Principal.AWS == 'arn:aws:iam::210987654321:root'
assert log.contains("ECR repository ${name} created with its repository policy and lifecycle policy")

// The second build reads each declared setting once, in one wave, and writes nothing.
def second = env.operations('AKIAITSETCREATE00002')
assert second.sort(false) == ['DescribeRepositories', 'GetLifecyclePolicy', 'GetRepositoryPolicy',
                              'ListTagsForResource'] : second
assert log.contains("ECR repository ${name} up to date")
return true
