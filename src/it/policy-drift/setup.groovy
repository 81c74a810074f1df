import io.github.ecrmavenplugin.testenv.ItEnvironment

// Someone granted a different account by hand.
ItEnvironment.load(environmentFile).seedRepository('''{"name":"it/policy-drift","policyText":
  "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Sid\\":\\"AllowPull\\",\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"AWS\\":\\"arn:aws:iam::999999999999:root\\"},\\"Action\\":[\\"ecr:BatchGetImage\\"]}]}"}''')
return true
