package hu.tokenplatform.auth;

import hu.tokenplatform.auth.support.TestBankResource;
import hu.tokenplatform.testkit.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * For every test class of this module, once: a real Kafka broker, which auth-service logs in to as
 * {@code auth-service}, a throw-away PostgreSQL database, and the bank around auth-service (test PKI, CRL
 * distribution point, relying parties).
 */
@QuarkusTestResource(value = PlatformTestResource.class, initArgs = {
        @ResourceArg(name = PlatformTestResource.KAFKA_PRINCIPAL, value = "auth-service"),
        @ResourceArg(name = PlatformTestResource.DATABASE_PREFIX, value = "tp_auth")})
@QuarkusTestResource(TestBankResource.class)
class PlatformTestResources {
}
