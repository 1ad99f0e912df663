/**
 * Traces: OpenTelemetry through Micrometer Tracing, exported over OTLP/HTTP when
 * {@code SIGNET_TRACING_OTLP_ENDPOINT} is set, and not there at all otherwise
 * ({@link dev.signet.tracing.TracingSwitch}).
 */
@NullMarked
package dev.signet.tracing;

import org.jspecify.annotations.NullMarked;
