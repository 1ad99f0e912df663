/**
 * Support for running Signet in containers: the dependency-free readiness check that the
 * image's {@code HEALTHCHECK} and the Helm test pod run.
 */
@NullMarked
package dev.signet.deploy;

import org.jspecify.annotations.NullMarked;
