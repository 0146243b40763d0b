package hu.tokenplatform.servicekit;

import hu.tokenplatform.testkit.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * One real Kafka broker, which the test application logs in to as {@code unlock-service}, and one throw-away
 * PostgreSQL database for every test class of this module.
 */
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = {
        @ResourceArg(name = PlatformTestResource.KAFKA_PRINCIPAL, value = "unlock-service"),
        @ResourceArg(name = PlatformTestResource.DATABASE_PREFIX, value = "tp_servicekit")})
class PlatformTestResources {
}
