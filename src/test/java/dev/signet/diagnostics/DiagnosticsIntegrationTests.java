package dev.signet.diagnostics;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code POST /v1/diagnostics/invalid-signature} over real HTTP.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME, "SIGNET_API_KEYS=" + TestAccounts.API_KEYS })
class DiagnosticsIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void diagnoseExplainsWidgetSourceInPlainWords() {
		Response response = new Http(this.port).postJson("/v1/diagnostics/invalid-signature",
				"{\"error\": \"Invalid Signature ***. String to sign - 'source=uw&timestamp=1709830648'.\", "
						+ "\"params\": {\"timestamp\": 1709830648}}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("unsigned_params").get(0).stringValue()).isEqualTo("source");
		assertThat(response.body()).contains("adds source=uw");
	}

	@Test
	void diagnoseRefusesMalformedInputOnly() {
		Http http = new Http(this.port);
		assertThat(http.postJson("/v1/diagnostics/invalid-signature", "{\"error\": \"nope\"}").status()).isEqualTo(400);
		assertThat(http.postJson("/v1/diagnostics/invalid-signature", "{").status()).isEqualTo(400);
		assertThat(
				http.postJson("/v1/diagnostics/invalid-signature", "{\"params\": {}}").json().get("type").stringValue())
			.endsWith("/invalid-request");
		assertThat(http.send("POST", "/v1/diagnostics/invalid-signature", "{}", "Content-Type", "application/json")
			.status()).isEqualTo(401);
	}

	@Test
	void diagnoseRefusesAnErrorTextOverTheCapNamingIt() {
		String error = "Invalid Signature abc. String to sign - 'timestamp=1709830648&context=" + "a".repeat(9000)
				+ "'.";
		Response response = new Http(this.port).postJson("/v1/diagnostics/invalid-signature",
				"{\"error\": \"" + error + "\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("type").stringValue()).endsWith("/invalid-request");
		assertThat(response.json().get("detail").stringValue()).contains("at most 8192 characters");
	}

}
