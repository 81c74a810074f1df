package io.github.ecrmavenplugin.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A repository as the image builders reach it over dual-stack: ECR's dual-stack registry host of its region. */
class RepositoryTest {

    private static Repository in(String partition, String region) {
        return new Repository(
                "team/app",
                "arn:" + partition + ":ecr:" + region + ":123456789012:repository/team/app",
                "123456789012.dkr.ecr." + region + ".amazonaws.com/team/app",
                "123456789012");
    }

    @Test
    void theDualStackHostNamesTheRegistryAndTheRegionOfTheArn() {
        Repository dualStack = in("aws", "eu-west-1").atDualStackHost();

        assertEquals("123456789012.dkr-ecr.eu-west-1.on.aws/team/app", dualStack.uri());
        assertEquals("123456789012.dkr-ecr.eu-west-1.on.aws", dualStack.registryHost());
        assertEquals(in("aws", "eu-west-1").arn(), dualStack.arn());
    }

    @Test
    void chinaHasADomainOfItsOwn() {
        assertEquals(
                "123456789012.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn/team/app",
                in("aws-cn", "cn-north-1").atDualStackHost().uri());
    }
}
