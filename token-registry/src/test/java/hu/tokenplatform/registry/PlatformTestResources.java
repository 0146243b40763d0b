package hu.tokenplatform.registry;

import hu.tokenplatform.testkit.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * One real Kafka broker and one throw-away PostgreSQL database for every test class of this module, and the
 * throw-away token-factory CA the registry pins.
 */
@QuarkusTestResource(value = PlatformTestResource.class,
        initArgs = @io.quarkus.test.common.ResourceArg(name = PlatformTestResource.DATABASE_PREFIX, value = "tp_registry"))
@QuarkusTestResource(FactoryCaTestResource.class)
class PlatformTestResources {
}
