package dev.signet.web;

import dev.signet.support.Http;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the OpenAPI description is served and documents both signing endpoints with
 * examples.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME, "SIGNET_API_KEYS=" + TestAccounts.API_KEYS })
class OpenApiIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void apiDocsDescribeBothSigningEndpointsWithExamples() {
		Http.Response response = new Http(this.port).send("GET", "/v3/api-docs", null);
		assertThat(response.status()).isEqualTo(200);
		JsonNode paths = response.json().get("paths");
		for (String path : new String[] { "/v1/signatures", "/v1/signatures/widget" }) {
			JsonNode post = paths.get(path).get("post");
			assertThat(post.get("summary").stringValue()).isNotBlank();
			JsonNode request = post.get("requestBody").get("content").get("application/json");
			assertThat(request.get("examples")).isNotEmpty();
			JsonNode ok = post.get("responses").get("200").get("content").get("application/json");
			assertThat(ok.has("example") || ok.has("examples")).isTrue();
			assertThat(post.get("responses").propertyNames()).contains("400", "401", "403", "413", "415");
		}
		assertThat(response.json().get("components").get("securitySchemes").propertyNames()).contains("apiKey",
				"bearer");
	}

}
