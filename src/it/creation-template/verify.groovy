import io.github.ecrmavenplugin.json.Json
import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = ItEnvironment.buildLog(basedir)
def name = 'it/creation-template/svc'

// Created as the template makes it: the settings travel with CreateRepository, the policies follow it.
assert env.writes('AKIAITTEMPLATE000001') == ['CreateRepository', 'SetRepositoryPolicy', 'PutLifecyclePolicy']
def repo = env.repository(name).orElseThrow()
assert repo.imageTagMutability == 'IMMUTABLE'
assert repo.encryptionType == 'KMS' && repo.kmsKey == 'arn:aws:kms:us-east-1:123456789012:key/it-team'
assert repo.tags == [CostCenter: '4711']
assert Json.parse(repo.lifecyclePolicyText).rules[0].selection.countNumber.intValue() == 14
def statements = Json.parse(repo.policyText).Statement.collectEntries { [(it.Sid): it] }
assert statements.keySet() == ['OrgPull', 'AllowPull'] as Set : statements.keySet()
assert statements.OrgPull.Condition.StringEquals.'aws:PrincipalOrgID' == 'o-abcd123456'
assert statements.AllowPull.Principal.AWS == 'arn:aws:iam::210987654321:root'
assert log.contains("ECR repository ${name} created from creation template \"it/creation-template\" with its " +
        'repository policy and lifecycle policy')

// The real Jib pushed into it, through the URL and credentials the plugin handed over.
assert env.registryTags(name).containsAll(['1.0', '2.0']) : env.registryTags(name)
assert log.contains("Jib pushes to ${env.registryHost()}/${name}:1.0")

// The second build writes nothing: the template's statement is kept, not taken for drift.
def second = env.assertNoWrites('AKIAITTEMPLATE000002')
assert second.count('DescribeRepositoryCreationTemplates') == 1 : second
assert log.contains("ECR repository ${name} up to date")
return true
