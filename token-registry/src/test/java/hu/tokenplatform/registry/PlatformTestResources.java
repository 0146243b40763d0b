package hu.tokenplatform.registry;

import hu.tokenplatform.testkit.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * One real Kafka broker, which the registry logs in to as {@code token-registry}, one throw-away PostgreSQL
 * database for every test class of this module, and the throw-away token-factory CA the registry pins.
 */
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = {
        @ResourceArg(name = PlatformTestResource.KAFKA_PRINCIPAL, value = "token-registry"),
        @ResourceArg(name = PlatformTestResource.DATABASE_PREFIX, value = "tp_registry")})
@QuarkusTestResource(FactoryCaTestResource.class)
class PlatformTestResources {
}
