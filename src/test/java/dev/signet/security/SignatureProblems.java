package dev.signet.security;

import dev.signet.support.Http.Response;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on problem responses.
 *
 * @author Signet developers
 */
final class SignatureProblems {

	private SignatureProblems() {
	}

	static void assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode body = response.json();
		assertThat(body.get("type").stringValue()).isEqualTo("https://signet.dev/problems/" + type);
		assertThat(body.get("request_id").stringValue()).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception");
	}

}
