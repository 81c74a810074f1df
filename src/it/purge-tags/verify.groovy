import io.github.ecrmavenplugin.testenv.ItEnvironment

def env = ItEnvironment.load(environmentFile)
def log = new File(basedir, 'build.log').text
def name = 'it/purge-tags'

// 1: plan mode reads only.
def planned = env.operations('AKIAITPURGETAGS00001')
ItEnvironment.WRITES.each { write -> assert !planned.contains(write) : planned }
assert log.contains('~ tag team: platform -> payments') : log
assert log.contains('+ tag cost-center = cc-42')
assert log.contains('- tag owner (purgeTags)')
assert log.contains('- tag temporary (purgeTags)')
assert !log.contains('- tag aws:cloudformation:stack-name') : 'AWS manages aws: tags'

// 2: one TagResource (team changed, cost-center added), one UntagResource (owner, temporary); aws: kept.
def second = env.operations('AKIAITPURGETAGS00002')
assert second.count('TagResource') == 1 : second
assert second.count('UntagResource') == 1 : second
assert env.repository(name).orElseThrow().tags == ['aws:cloudformation:stack-name': 'legacy', 'cost-center': 'cc-42',
    team: 'payments'] : env.repository(name).orElseThrow().tags

// 3: nothing to write.
def third = env.operations('AKIAITPURGETAGS00003')
ItEnvironment.WRITES.each { write -> assert !third.contains(write) : third }
assert log.contains("ECR repository ${name} up to date")
return true
