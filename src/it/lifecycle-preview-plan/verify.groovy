import io.github.ecrmavenplugin.testenv.ItEnvironment
import io.github.ecrmavenplugin.json.Json

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def name = 'it/lifecycle-preview'

// 1: the preview runs, writes nothing, and names the images
def first = env.assertNoWrites('AKIAITPREVIEWPLAN001')
assert first.contains('StartLifecyclePolicyPreview') && first.contains('GetLifecyclePolicyPreview') : first
assert log.contains("ECR repository ${name}: lifecycle preview (ECR's dry run of the new policy over the images there now; nothing applied):")
assert log =~ /rule 1 \(expire\) "Keep the last 2 images tagged pr-\*": 2 images would be expired: pr-101 \(pushed \d{4}-\d\d-\d\d\), pr-102 \(pushed \d{4}-\d\d-\d\d\)/
assert log =~ /rule 2 \(transition to archive\) "Archive images not pulled for 90 days": 1 image would be archived: 1\.0\.0 \(pushed /
assert log.contains('~ rule 1: (expire)') || log.contains('+ rule 1: (expire)')
assert log.contains('+ rule 2: (transition to archive)')
assert log.contains("[WARNING] ECR repository ${name}: the tag pr-101 that Jib is about to push is on an image lifecycle rule 1 (Keep the last 2 images tagged pr-*) would expire at once")
def preview = Json.parse(new File(basedir, 'target/ecr-plan.json').text).repositories[0].lifecyclePreview
assert preview.status == 'complete'
assert preview.rules*.imageCount == [2, 1]
assert preview.rules[0].images*.imageTags == [['pr-101'], ['pr-102']]
assert preview.rules[1].images[0].imageTags == ['1.0.0']
assert env.repository(name).orElseThrow().lifecyclePolicyText.contains('"countNumber":30') : 'the policy is unchanged'


// 2: a preview that does not finish within <lifecyclePreviewTimeout> is reported and skipped; the plan still comes
// (within so short a timeout the build may not even have started the SDK client that asks for it)
env.assertNoWrites('AKIAITPREVIEWPLAN002')
assert log.contains("[WARNING] ECR repository ${name}: lifecycle preview skipped: ECR's preview did not finish within 1.0 s (<lifecyclePreviewTimeout>)")
def skipped = Json.parse(new File(basedir, 'target/plan-2.json').text).repositories[0].lifecyclePreview
assert skipped.status == 'skipped' && skipped.reason.contains('did not finish')
return true
