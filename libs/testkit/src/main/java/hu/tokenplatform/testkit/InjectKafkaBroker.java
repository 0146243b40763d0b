package hu.tokenplatform.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link KafkaBroker} field of a Quarkus test class that {@link PlatformTestResource} fills with the
 * running broker, e.g. to stop and restart it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectKafkaBroker {
}
