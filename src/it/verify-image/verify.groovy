import groovy.json.JsonSlurper
import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
// Every invocation appends to build.log; each starts with Maven's "Scanning for projects".
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 7 : "expected 7 invocations, found ${runs.size()}"
// How the invocations ended, in order; what each said is checked below.
def outcome = { run -> run.contains('BUILD SUCCESS') ? 'SUCCESS' : run.contains('BUILD FAILURE') ? 'FAILURE' : '?' }
assert runs.collect(outcome) == ['SUCCESS', 'FAILURE', 'SUCCESS', 'FAILURE', 'FAILURE', 'SUCCESS', 'FAILURE']

// 1: pushed by Jib, found, waited for, clean; scanning off said in one line, without waiting.
def first = runs[0]
['clean', 'critical', 'stuck', 'unscanned'].each { name ->
    assert first.contains("Built and pushed image as ${env.registryHost()}/it-verify-image-${name}:1.0")
}
def digest = env.registryDigest('it-verify-image-clean', '1.0').orElseThrow()
assert first =~ /ECR image it-verify-image-clean:1\.0: ${digest}, [0-9.]+ KB, pushed /
// The digest Jib wrote after its push (the clean image is pushed last, so target/jib-image.json names it).
assert first =~ /ECR image it-verify-image-clean:1\.0: .*\(digest from .*jib-image\.json\)/
assert first.contains('Waiting for ECR\'s scan of it-verify-image-clean:1.0')
assert first.contains('ECR scan of it-verify-image-clean:1.0 (COMPLETE): 0 findings: CRITICAL 0, HIGH 0')
assert first.contains('ECR signing of it-verify-image-clean:1.0 with arn:aws:signer:us-east-1:123456789012:/signing-profiles/it_signing: COMPLETE')
// The unscanned repository does not scan on push: with failOnSeverity, a scan is started and gated on.
assert first.contains('ECR had not scanned it-verify-image-unscanned:1.0 (repository it-verify-image-unscanned does not scan on push and the registry has no scanning rules): started a scan on request')
assert first.contains('ECR scan of it-verify-image-unscanned:1.0 (COMPLETE): 0 findings')
assert env.operationsOn('it-verify-image-unscanned').count { it == 'StartImageScan' } == 1

// 2: the CRITICAL finding fails the gate, and the log names it with its package and link.
def critical = runs[1]
assert critical.contains('ECR found 1 finding at or above HIGH in it-verify-image-critical:1.0 (CRITICAL 1, HIGH 0, MEDIUM 1, LOW 1, INFORMATIONAL 0): CVE-2024-3094')
assert critical =~ /CVE-2024-3094\s+CRITICAL\s+xz-utils 5\.6\.0-0\.2\s+-\s+https:\/\/security-tracker\.debian\.org\/tracker\/CVE-2024-3094/

// 3: accepted in the ignore file: passes, and says which finding was accepted.
def accepted = runs[2]
assert accepted.contains('Accepted (ignored) findings: CVE-2024-3094')

// 4: the acceptance ran out: the finding counts again.
def expired = runs[3]
assert expired.contains('Accepted finding CVE-2024-3094 expired on 2020-01-31 (expired.txt line 1): it counts again')
assert expired.contains('ECR found 1 finding at or above HIGH')

// 5: a scan that never completes fails after scanTimeout, saying so.
def stuck = runs[4]
assert stuck =~ /ECR's scan of it-verify-image-stuck:1\.0 is still IN_PROGRESS after [34] s \(<scanTimeout> 3s\)/
assert stuck.contains('Raise <scanTimeout>')

// 6: plan mode reads once and does not wait.
def plan = runs[5]
assert plan.contains('is still IN_PROGRESS after one read (plan mode does not wait)')

// 7: an image nobody pushed: says which plugin should have, and how to check the order.
def missing = runs[6]
assert missing.contains('No image it-verify-image-clean:9.9 in ECR (ECR has no such image). jib:build should have pushed it')
assert missing.contains('--- jib-maven-plugin:...:build')

// Reports of the last gated scan (4): every finding, normalised; SARIF 2.1.0.
def report = new JsonSlurper().parse(new File(basedir, 'target/ecr-scan.json'))
assert report.image.digest == env.registryDigest('it-verify-image-critical', '1.0').orElseThrow()
assert report.findings*.id == ['CVE-2024-3094', 'CVE-2019-5188', 'CVE-2011-3374']
assert report.findings[0].failsBuild == true
assert report.passed == false
def sarif = new JsonSlurper().parse(new File(basedir, 'target/ecr-scan.sarif'))
assert sarif.version == '2.1.0'
assert sarif.runs[0].results.size() == 3

// Only reads of an image ECR scanned by itself: the goal changed nothing in ECR.
def scans = env.operationsOn('it-verify-image-critical').findAll { it == 'DescribeImageScanFindings' }
assert scans.size() >= 3
assert !env.operationsOn('it-verify-image-critical').contains('StartImageScan')
return true
