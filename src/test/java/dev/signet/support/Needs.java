package dev.signet.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Names the tools outside the JVM that a test class or method needs. When one is missing
 * the test fails under {@code CI=true}, saying what is missing and how {@code .ci/run}
 * provides it, and is skipped with that message elsewhere; both before the class or
 * method starts anything (see {@link NeedsCondition}).
 *
 * @author Signet developers
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(NeedsCondition.class)
public @interface Needs {

	/**
	 * The tools the test needs.
	 * @return the tools
	 */
	Tool[] value();

}
