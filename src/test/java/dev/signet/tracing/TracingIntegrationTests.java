package dev.signet.tracing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.signet.SignetApplication;
import dev.signet.support.AuditLines;
import dev.signet.support.Eventually;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import dev.signet.tracing.OtlpReceiver.ReceivedSpan;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces, end to end: with {@code SIGNET_TRACING_OTLP_ENDPOINT} set, an in-process OTLP
 * receiver gets the span of a signing request with the caller, profile, endpoint and
 * outcome as attributes, and never the secret, the signature, the API key or a parameter
 * value; the problem body and the audit event carry the trace's id. Without the setting
 * nothing of tracing is in the context and signing works as before.
 *
 * @author Signet developers
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTests {

	private static final String FOLDER = "trace-canary-folder-7Kq";

	private static final String PUBLIC_ID = "trace-canary-public-id-Zx3";

	private static final String SIGN = "{\"params\": {\"folder\": \"" + FOLDER + "\", \"public_id\": \"" + PUBLIC_ID
			+ "\"}}";

	private static final String REFUSED = "{\"params\": {\"eval\": \"trace-canary-eval-value-Wm5\"}}";

	@Test
	void spanOfASigningRequestReachesTheOtlpReceiverWithCallerAndProfileButNoSecretsOrValues(CapturedOutput output)
			throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext signet = start("--SIGNET_TRACING_OTLP_ENDPOINT=" + receiver.endpoint(),
						"--management.opentelemetry.tracing.export.schedule-delay=100ms")) {
			Http http = new Http(port(signet));
			Response issued = http.postJson("/v1/signatures", SIGN);
			assertThat(issued.status()).as(issued.body()).isEqualTo(200);
			String signature = issued.json().path("signature").asString();
			Response refused = http.postJson("/v1/signatures", REFUSED);
			assertThat(refused.status()).as(refused.body()).isEqualTo(400);
			String problemTraceId = refused.json().path("trace_id").asString();
			assertThat(problemTraceId).matches("[0-9a-f]{32}");

			assertThat(Eventually.within(Duration.ofSeconds(20),
					() -> ReceivedSpan.withAttribute(receiver.spans(), "signet.outcome", "issued").size() == 1
							&& ReceivedSpan.withAttribute(receiver.spans(), "signet.outcome", "refused").size() == 1))
				.as("spans received: %s, refused requests: %s", receiver.spans(), receiver.refused())
				.isTrue();
			ReceivedSpan span = ReceivedSpan.withAttribute(receiver.spans(), "signet.outcome", "issued").get(0);
			assertThat(span.attributes()).containsEntry("signet.caller", "web")
				.containsEntry("signet.profile", "default")
				.containsEntry("signet.endpoint", "stamped")
				.containsEntry("signet.auth", "api_key");
			assertThat(span.name()).containsIgnoringCase("post");
			assertThat(span.resource()).containsEntry("service.name", "signet");
			ReceivedSpan refusedSpan = ReceivedSpan.withAttribute(receiver.spans(), "signet.outcome", "refused").get(0);
			assertThat(refusedSpan.attributes()).containsEntry("signet.reason", "parameter-not-allowed")
				.containsEntry("signet.caller", "web");
			assertThat(refusedSpan.traceId()).isEqualTo(problemTraceId);

			JsonNode issuedEvent = AuditLines.event(output, issued.header("X-Request-Id"));
			assertThat(issuedEvent.path("trace_id").asString()).isEqualTo(span.traceId());
			assertThat(AuditLines.event(output, refused.header("X-Request-Id")).path("trace_id").asString())
				.isEqualTo(problemTraceId);

			List<String> secrets = List.of(TestAccounts.CANARY_SECRET, TestAccounts.CLIENT_KEY, signature, FOLDER,
					PUBLIC_ID, "trace-canary-eval-value-Wm5");
			assertThat(receiver.exports()).isNotEmpty();
			for (byte[] export : receiver.exports()) {
				String text = new String(export, StandardCharsets.ISO_8859_1);
				assertThat(secrets).allSatisfy((secret) -> assertThat(text).doesNotContain(secret));
			}
			assertThat(receiver.refused()).isEmpty();
		}
	}

	@Test
	void withoutTheSettingNoTracingIsInTheContextAndSigningWorks(CapturedOutput output) throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start(); ConfigurableApplicationContext signet = start()) {
			assertThat(signet.getBeanProvider(Tracer.class).getIfAvailable()).isNull();
			assertThat(signet.getBeanNamesForType(SpanExporter.class)).isEmpty();
			assertThat(signet.getBeanNamesForType(io.opentelemetry.api.OpenTelemetry.class)).isEmpty();
			Http http = new Http(port(signet));
			// A caller's trace context starts no trace either.
			Response issued = http.send("POST", "/v1/signatures", SIGN, "Content-Type", "application/json", "X-Api-Key",
					TestAccounts.CLIENT_KEY, "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
			assertThat(issued.status()).as(issued.body()).isEqualTo(200);
			assertThat(issued.json().path("signature").asString()).isNotEmpty();
			Response refused = http.postJson("/v1/signatures", REFUSED);
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.json().has("trace_id")).isFalse();
			assertThat(refused.json().path("request_id").asString()).isNotEmpty();
			assertThat(AuditLines.event(output, issued.header("X-Request-Id")).has("trace_id")).isFalse();
			assertThat(AuditLines.event(output, refused.header("X-Request-Id")).has("trace_id")).isFalse();
			assertThat(receiver.exports()).isEmpty();
			assertThat(output.getAll()).doesNotContain("0af7651916cd43dd8448eb211c80319c");
		}
	}

	@Test
	void anEndpointThatIsNoHttpUrlStopsStartupNamingTheSetting(CapturedOutput output) {
		List<String> failure = new ArrayList<>();
		try (ConfigurableApplicationContext signet = start("--SIGNET_TRACING_OTLP_ENDPOINT=otel-collector:4318")) {
			failure.add("started on port " + port(signet));
		}
		catch (RuntimeException ex) {
			failure.add(ex.getMessage());
		}
		assertThat(failure).singleElement().asString().contains("SIGNET_TRACING_OTLP_ENDPOINT", "http://");
	}

	private static ConfigurableApplicationContext start(String... more) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--SIGNET_CONFIG_TREE=/nonexistent/",
				"--CLOUDINARY_URL=" + TestAccounts.cloudinaryUrl(""), "--SIGNET_API_KEYS=" + TestAccounts.API_KEYS));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(SignetApplication.class).run(args.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
