package dev.signet.signing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.signet.support.AuditLines;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests that every signing decision leaves exactly one audit event, with the caller, the
 * profile and a hash of the string to sign, and never the secret or the signature.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME, "SIGNET_API_KEYS=" + TestAccounts.API_KEYS })
@ExtendWith(OutputCaptureExtension.class)
class AuditIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void everyDecisionLeavesOneAuditEventWithoutSecretOrSignature(CapturedOutput output) {
		Http http = new Http(this.port);
		Response issued = http.postJson("/v1/signatures", "{\"params\": {\"folder\": \"audit\"}}");
		Response refused = http.postJson("/v1/signatures", "{\"params\": {\"eval\": \"x\"}}");
		Response malformed = http.postJson("/v1/signatures", "{");
		JsonNode issuedEvent = event(output, issued.header("X-Request-Id"));
		assertThat(issuedEvent.get("event").stringValue()).isEqualTo("signature.issued");
		assertThat(issuedEvent.get("client").stringValue()).isEqualTo("web");
		assertThat(issuedEvent.get("auth").stringValue()).isEqualTo("api_key");
		assertThat(issuedEvent.get("profile").stringValue()).isEqualTo("default");
		assertThat(issuedEvent.get("api_key").stringValue()).isEqualTo(TestAccounts.API_KEY);
		assertThat(issuedEvent.get("params").toString()).contains("folder", "timestamp");
		assertThat(issuedEvent.get("string_to_sign_sha256").stringValue()).hasSize(64);
		JsonNode refusedEvent = event(output, refused.header("X-Request-Id"));
		assertThat(refusedEvent.get("event").stringValue()).isEqualTo("signature.refused");
		assertThat(refusedEvent.get("reason").stringValue()).isEqualTo("parameter-not-allowed");
		assertThat(refusedEvent.get("refused_params").toString()).contains("eval");
		assertThat(event(output, malformed.header("X-Request-Id")).get("reason").stringValue())
			.isEqualTo("malformed-json");
		assertThat(output.getAll()).doesNotContain(TestAccounts.CANARY_SECRET)
			.doesNotContain(issued.json().get("signature").stringValue());
	}

	@Test
	void callerChosenRequestIdIsKeptAsClientRequestIdOnly(CapturedOutput output) {
		Http http = new Http(this.port);
		Response issued = http.send("POST", "/v1/signatures", "{\"params\": {\"folder\": \"audit\"}}", "Content-Type",
				"application/json", "X-Api-Key", TestAccounts.CLIENT_KEY, "X-Request-Id", "chosen-by-caller-0001");
		assertThat(issued.status()).isEqualTo(200);
		String requestId = issued.header("X-Request-Id");
		assertThat(requestId).isNotEqualTo("chosen-by-caller-0001");
		JsonNode event = event(output, requestId);
		assertThat(event.get("client_request_id").stringValue()).isEqualTo("chosen-by-caller-0001");
		assertThat(output.getAll()).doesNotContain("\"request_id\":\"chosen-by-caller-0001\"");
	}

	private static JsonNode event(CapturedOutput output, String requestId) {
		JsonNode event = AuditLines.event(output, requestId);
		assertThat(Instant.parse(event.get("time").stringValue())).isCloseTo(Instant.now(),
				within(1, ChronoUnit.MINUTES));
		return event;
	}

}
