import io.github.ecrmavenplugin.json.Json
import io.github.ecrmavenplugin.testenv.ItEnvironment

// The platform team's template for the repositories under it/creation-template/ (a prefix of this test's own: the
// environment's registry is shared by every test). ECR applies it on push; the plugin, when it creates one.
def policy = '{"Version":"2012-10-17","Statement":[{"Sid":"OrgPull","Effect":"Allow","Principal":"*",' +
        '"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],' +
        '"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcd123456"}}}]}'
def lifecycle = '{"rules":[{"rulePriority":1,"description":"expire untagged after 14 days","selection":' +
        '{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},' +
        '"action":{"type":"expire"}}]}'
ItEnvironment.load(environmentFile).seedRegistrySetting('CreateRepositoryCreationTemplate', Json.write([
        prefix: 'it/creation-template',
        appliedFor: ['CREATE_ON_PUSH'],
        encryptionConfiguration: [encryptionType: 'KMS', kmsKey: 'arn:aws:kms:us-east-1:123456789012:key/it-team'],
        resourceTags: [[Key: 'CostCenter', Value: '4711']],
        imageTagMutability: 'IMMUTABLE',
        lifecyclePolicy: lifecycle,
        repositoryPolicy: policy]))
return true
