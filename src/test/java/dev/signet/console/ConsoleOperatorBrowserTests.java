package dev.signet.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.signet.clients.NodeScript;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.Needs;
import dev.signet.support.TestAccounts;
import dev.signet.support.Tool;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's Operators tab in Debian's headless Chromium, driven by playwright-core:
 * an operator sees the last decisions (and filters them, and reads a caller's limits and
 * the accounts); an ordinary client is refused the operator pages and the tab says why in
 * words. Screenshots go to {@code target/screenshots/console-operator*.png}.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"SIGNET_API_KEYS=" + TestAccounts.API_KEYS + ",ops:" + ConsoleOperatorBrowserTests.OPS_KEY,
				"signet.operator.clients=ops", "signet.rate-limit.enabled=true" })
@Needs({ Tool.CHROMIUM, Tool.NODE_PACKAGES })
class ConsoleOperatorBrowserTests {

	static final String OPS_KEY = "ops-key-0123456789abcdef";

	@LocalServerPort
	private int port;

	@Test
	void operatorSeesTheDecisionsAndAnOrdinaryClientIsToldItIsNoOperator() throws Exception {
		Http http = new Http(this.port);
		Response issued = http.postJson("/v1/signatures", "{\"params\": {\"folder\": \"console-operator\"}}");
		assertThat(issued.status()).as(issued.body()).isEqualTo(200);
		Response refused = http.postJson("/v1/signatures", "{\"params\": {\"eval\": \"alert(1)\"}}");
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		Path operatorShot = Tool.projectDir().resolve("target/screenshots/console-operator.png");
		Path refusedShot = Tool.projectDir().resolve("target/screenshots/console-operator-refused.png");
		Files.deleteIfExists(operatorShot);
		Files.deleteIfExists(refusedShot);
		Map<String, Object> input = new HashMap<>();
		input.put("url", "http://127.0.0.1:" + this.port + "/console/#operators");
		input.put("chromium", Tool.CHROMIUM.location());
		input.put("operatorKey", OPS_KEY);
		input.put("clientKey", TestAccounts.CLIENT_KEY);
		input.put("screenshots", Map.of("operator", operatorShot.toString(), "refused", refusedShot.toString()));
		JsonNode shown = NodeScript.run("console-operator.mjs", input);

		assertThat(shown.get("decisions").stringValue()).contains(issued.header("X-Request-Id"),
				refused.header("X-Request-Id"), "signature.issued", "signature.refused", "parameter-not-allowed");
		assertThat(shown.get("filteredRows")).isNotEmpty();
		shown.get("filteredRows").forEach((row) -> assertThat(row.stringValue()).contains("web", "refused"));
		assertThat(shown.get("filteredRows").toString()).contains(refused.header("X-Request-Id"))
			.doesNotContain(issued.header("X-Request-Id"));
		assertThat(shown.get("limits").stringValue()).contains("default", "caller", "of 10 per minute");
		assertThat(shown.get("accounts").stringValue()).contains(TestAccounts.API_KEY, "active");

		assertThat(shown.get("refused").stringValue())
			.contains("Only operators may see these pages, and this credential is not an operator’s.");
		assertThat(shown.get("refusedDetail").stringValue()).contains("This API-key client is not an operator",
				"SIGNET_OPERATOR_CLIENTS");
		assertThat(shown.get("tablesAfterRefusal").asInt()).isZero();

		assertThat(shown.get("pageText").stringValue()).doesNotContain(TestAccounts.CANARY_SECRET,
				issued.json().get("signature").stringValue(), "alert(1)");
		assertThat(shown.get("console").toString()).doesNotContain("Content Security Policy", "pageerror");
		assertThat(operatorShot).exists();
		assertThat(refusedShot).exists();
	}

}
