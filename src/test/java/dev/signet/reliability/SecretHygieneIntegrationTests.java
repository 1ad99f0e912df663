package dev.signet.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.signet.accounts.CloudinaryProperties;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.security.ApiKeyProperties;
import dev.signet.security.ApiKeyStore;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts Signet with a canary secret and DEBUG logging, drives every endpoint including
 * error paths, and checks the canary appears in no response and no log line.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME,
		"SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "logging.level.dev.signet=TRACE", "logging.level.signet=TRACE",
		"logging.level.org.springframework.security=DEBUG", "logging.level.org.springframework.web=DEBUG",
		"logging.level.org.springframework.boot.context.config=DEBUG",
		"signet.cors.allowed-origins=" + TestAccounts.ORIGIN })
@ExtendWith(OutputCaptureExtension.class)
class SecretHygieneIntegrationTests {

	private static final String CANARY = "CANARYx7Qp2Zr9";

	@LocalServerPort
	private int port;

	@Autowired
	private CloudinaryAccounts accounts;

	@Autowired
	private CloudinaryProperties cloudinaryProperties;

	@Autowired
	private ApiKeyProperties apiKeyProperties;

	@Autowired
	private ApiKeyStore apiClients;

	@Test
	void canarySecretAppearsInNoResponseAndNoLogLine(CapturedOutput output) {
		Http http = new Http(this.port);
		long now = Instant.now().getEpochSecond();
		List<Response> responses = new ArrayList<>();
		responses.add(http.postJson("/v1/signatures", "{\"params\": {\"folder\": \"a\", \"tags\": [\"b\"]}}"));
		responses.add(http.postJson("/v1/signatures/widget", "{\"paramsToSign\": {\"timestamp\": " + now + "}}"));
		responses.add(http.postJson("/v1/signatures", "{\"params\": {\"api_secret\": \"" + CANARY + "\"}}"));
		responses.add(http.postJson("/v1/signatures", "{\"params\": {\"eval\": \"1\", \"Folder\": 1.5}}"));
		responses.add(http.postJson("/v1/signatures/widget", "{\"paramsToSign\": {\"timestamp\": 1}}"));
		responses.add(http.postJson("/v1/signatures", "{\"params\":"));
		responses.add(http.postJson("/v1/signatures", "{\"params\": {\"context\": \"" + "x".repeat(20000) + "\"}}"));
		responses.add(http.send("POST", "/v1/signatures", "{}", "Content-Type", "text/plain", "X-Api-Key",
				TestAccounts.CLIENT_KEY));
		responses.add(http.send("POST", "/v1/signatures", "{}", "Content-Type", "application/json"));
		responses.add(http.send("POST", "/v1/signatures", "{}", "Content-Type", "application/json", "X-Api-Key",
				"x".repeat(20)));
		responses.add(http.send("GET", "/v1/signatures", null, "X-Api-Key", TestAccounts.CLIENT_KEY));
		responses.add(http.send("OPTIONS", "/v1/signatures", null, "Origin", "https://evil.example",
				"Access-Control-Request-Method", "POST"));
		for (String path : new String[] { "/livez", "/readyz", "/actuator/health", "/actuator/info",
				"/actuator/prometheus", "/actuator/env", "/actuator/configprops", "/actuator/heapdump",
				"/actuator/threaddump", "/actuator/loggers", "/v3/api-docs", "/swagger-ui.html", "/nothing" }) {
			responses.add(http.send("GET", path, null));
		}
		assertThat(responses.get(0).status()).isEqualTo(200);
		assertThat(responses.get(1).status()).isEqualTo(200);
		assertThat(responses.stream().map(Response::status)).contains(400, 401, 405, 413, 415, 404, 403);
		for (Response response : responses) {
			assertThat(response.body()).doesNotContain(CANARY);
			assertThat(response.headers().toString()).doesNotContain(CANARY);
		}
		assertThat(output.getAll()).contains("secret fingerprint ").doesNotContain(CANARY);
	}

	@Test
	void canaryAppearsOnNoEndpointNoRefusalPathAndNoThreadDump(CapturedOutput output) {
		Http http = new Http(this.port);
		long now = Instant.now().getEpochSecond();
		String key = TestAccounts.CLIENT_KEY;
		List<Response> responses = new ArrayList<>();
		String[] posts = { "/v1/signatures", "/v1/signatures/widget", "/v1/notifications/cloudinary",
				"/v1/notifications/verify", "/v1/responses/verify", "/v1/delivery-urls", "/v1/auth-tokens",
				"/v1/diagnostics/invalid-signature" };
		String[] bodies = { "{}", "{\"params\": {}}", "[]", "{\"params\":", "{\"api_secret\": \"" + CANARY + "\"}",
				"{\"paramsToSign\": {\"timestamp\": " + now + ", \"eval\": \"1\"}}",
				"{\"error\": \"Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
						+ "'folder=a&timestamp=" + now + "'.\", \"params\": {\"folder\": \"a\", \"timestamp\": \"" + now
						+ "\"}}",
				"{\"public_id\": \"sample\", \"transformation\": \"w_100\"}",
				"{\"acl\": \"/image/*\", \"duration\": 60}",
				"{\"body\": \"{}\", \"timestamp\": " + now + ", \"signature\": \"00\"}" };
		for (String path : posts) {
			for (String body : bodies) {
				responses.add(http.send("POST", path, body, "Content-Type", "application/json", "X-Api-Key", key));
			}
			responses.add(http.send("POST", path, "{}", "Content-Type", "application/json"));
			responses
				.add(http.send("POST", path, "{}", "Content-Type", "application/json", "X-Api-Key", "wrong-" + key));
			responses.add(http.send("POST", path, "x=1", "Content-Type", "application/x-www-form-urlencoded",
					"X-Api-Key", key));
			responses.add(http.send("PUT", path, "{}", "Content-Type", "application/json", "X-Api-Key", key));
		}
		responses.add(http.postJson("/v1/signatures", "{\"params\": {\"folder\": \"a\"}, \"explain\": true}"));
		for (String path : new String[] { "/v1/profiles/default", "/v1/profiles/nope", "/v1/profiles/..%2f",
				"/actuator/health", "/readyz", "/actuator/prometheus", "/actuator/info", "/actuator/threaddump",
				"/actuator/env", "/actuator/configprops", "/actuator/loggers" }) {
			responses.add(http.send("GET", path, null, "X-Api-Key", key));
		}
		for (Response response : responses) {
			// 501 is the deliberate "not configured" answer of the notification receiver.
			assertThat(response.status()).as(response.body()).isNotEqualTo(500).isLessThan(502);
			assertThat(response.body()).doesNotContain(CANARY);
			assertThat(response.headers().toString()).doesNotContain(CANARY);
		}
		StringBuilder dump = new StringBuilder();
		for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
			dump.append(thread);
		}
		assertThat(dump).contains("http-nio").doesNotContain(CANARY);
		assertThat(output.getAll()).doesNotContain(CANARY);
		System.out.println("SecretHygieneIntegrationTests: " + responses.size() + " responses scanned");
	}

	@Test
	void actuatorExposesOnlyHealthInfoAndMetrics() {
		Http http = new Http(this.port);
		assertThat(http.send("GET", "/actuator/env", null).status()).isEqualTo(404);
		assertThat(http.send("GET", "/actuator/heapdump", null).status()).isEqualTo(404);
		assertThat(http.send("GET", "/actuator/info", null).status()).isEqualTo(200);
	}

	@Test
	void configurationObjectsDoNotShowSecrets() {
		CloudinaryAccount account = this.accounts.defaultAccount();
		assertThat(account.toString()).doesNotContain(CANARY).contains(account.secret().fingerprint());
		assertThat(this.accounts.toString()).doesNotContain(CANARY);
		assertThat(this.cloudinaryProperties.toString()).doesNotContain(CANARY);
		assertThat(this.apiKeyProperties.toString()).doesNotContain(TestAccounts.CLIENT_KEY);
		assertThat(this.apiClients.current().toString()).doesNotContain(TestAccounts.CLIENT_KEY).contains("web");
	}

}
