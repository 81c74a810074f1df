import io.github.ecrmavenplugin.testenv.ItEnvironment
import io.github.ecrmavenplugin.json.Json

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def name = 'it/archive-lifecycle'

assert env.writes('AKIAITARCHIVELIFE001') == ['CreateRepository', 'PutLifecyclePolicy']
def second = env.assertNoWrites('AKIAITARCHIVELIFE002')
assert !second.contains('StartLifecyclePolicyPreview') : 'no preview when the policy does not change'
assert log.contains("ECR repository ${name} up to date")

def rules = Json.parse(env.repository(name).orElseThrow().lifecyclePolicyText).rules
assert rules*.action == [[type: 'expire'], [type: 'transition', targetStorageClass: 'archive'], [type: 'expire']]
assert rules[1].selection == [tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 90]
assert rules[2].selection == [tagStatus: 'any', storageClass: 'archive', countType: 'sinceImageTransitioned',
                              countUnit: 'days', countNumber: 365]
return true
