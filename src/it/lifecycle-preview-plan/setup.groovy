import io.github.ecrmavenplugin.testenv.ItEnvironment
import io.github.ecrmavenplugin.json.Json
import java.time.Duration
import java.time.Instant

// Images placed by the emulator, with their push and pull dates; the repository has an older lifecycle policy.
def now = Instant.now()
def ago = { days -> now.minus(Duration.ofDays(days)).toString() }
def lifecycle = '{"rules":[{"rulePriority":1,"description":"Keep the last 30 images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}'
// Its previews take longer than the second build's <lifecyclePreviewTimeout> and less than the first's: the first
// build waits for one, the second gives up.
def seed = [name: 'it/lifecycle-preview', lifecyclePolicyText: lifecycle, lifecyclePreviewMillis: 3000, images: [
        [tags: ['pr-101'], pushedAt: ago(30)],
        [tags: ['pr-102'], pushedAt: ago(20)],
        [tags: ['pr-103'], pushedAt: ago(10)],
        [tags: ['pr-104'], pushedAt: ago(5)],
        [tags: ['1.0.0'], pushedAt: ago(200), lastPulledAt: ago(150)],
        [tags: ['1.1.0'], pushedAt: ago(120), lastPulledAt: ago(1)]]]
ItEnvironment.load(environmentFile).seedRepository(Json.write(seed))
return true
