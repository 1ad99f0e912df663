package dev.signet.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signet.clients.NodeScript;
import dev.signet.support.JwksServer;
import dev.signet.support.Needs;
import dev.signet.support.TestAccounts;
import dev.signet.support.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in console at {@code /console} in Debian's headless Chromium, driven by
 * playwright-core through its labels, buttons and keys
 * ({@code src/test/node/console.mjs}): the diagnose page on Cloudinary error texts users
 * posted ({@code src/test/resources/console/cloudinary-errors.txt}) marks the right
 * parameters, the profile page shows what Signet signs and adds, refusals are explained
 * in words, and the page runs under its own strict Content-Security-Policy. Screenshots
 * go to {@code target/screenshots/console-*.png}. The browser runs once; each test checks
 * one part of what it saw.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.profiles.shop.clients=web",
				"signet.profiles.shop.forced.tags=staff-upload,{client}",
				"signet.profiles.shop.allowed.folder.kind=path",
				"signet.profiles.shop.allowed.folder.pattern=products(/[a-z0-9-]+)*",
				"signet.profiles.shop.allowed.public-id.kind=path", "signet.profiles.shop.explain=true",
				"signet.profiles.staff.clients=backend", "signet.jwt.audience=" + JwksServer.AUDIENCE })
@Needs({ Tool.CHROMIUM, Tool.NODE_PACKAGES })
class ConsoleBrowserTests {

	private static final Path SCREENSHOTS = Tool.projectDir().resolve("target/screenshots");

	private static final List<ErrorCase> CASES = ErrorCase.load();

	private static final JwksServer jwks = JwksServer.start();

	private static JsonNode shown;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void jwkSet(DynamicPropertyRegistry registry) {
		registry.add("signet.jwt.jwk-set-uri", jwks::jwkSetUri);
	}

	@AfterAll
	static void stopJwks() {
		jwks.close();
	}

	@Test
	void diagnosePageMarksTheParameterEachRealCloudinaryErrorNames() {
		JsonNode cases = shown().get("cases");
		assertThat(CASES).hasSizeGreaterThanOrEqualTo(3);
		for (ErrorCase expected : CASES) {
			JsonNode seen = cases.get(expected.name());
			assertThat(seen).as(expected.name()).isNotNull();
			assertThat(seen.get("verdict").stringValue()).as(expected.name() + ": " + seen)
				.isEqualTo(expected.expect().get("verdict"));
			List<String> flagged = new ArrayList<>();
			for (Map.Entry<String, JsonNode> row : seen.get("rows").properties()) {
				String param = row.getKey();
				String diff = row.getValue().get("diff").stringValue();
				assertThat(diff).as("%s: the row of %s (%s)", expected.name(), param, row.getValue())
					.isEqualTo(expected.expect().getOrDefault(param, "same"));
				if (!diff.equals("same")) {
					flagged.add(param);
				}
			}
			for (Map.Entry<String, String> want : expected.expect().entrySet()) {
				if (!List.of("verdict", "order", "age", "algorithm").contains(want.getKey())) {
					assertThat(seen.get("rows").has(want.getKey()))
						.as("%s: a row for %s", expected.name(), want.getKey())
						.isTrue();
				}
			}
			List<String> marked = seen.get("marked").valueStream().map(JsonNode::stringValue).distinct().toList();
			assertThat(marked).as("%s: the marked parts of the two strings", expected.name())
				.containsExactlyInAnyOrderElementsOf(flagged.stream().filter((p) -> !p.equals("same")).toList());
			String order = expected.expect().get("order");
			seen.get("rows")
				.properties()
				.forEach((row) -> assertThat(row.getValue().get("order").stringValue())
					.as("%s: the order mark of %s", expected.name(), row.getKey())
					.isEqualTo((order != null && List.of(order.split(";")).contains(row.getKey())) ? "moved" : "kept"));
			if (order != null) {
				assertThat(seen.get("orderNotice").stringValue()).contains("not in alphabetical order");
			}
			if ("bad".equals(expected.expect().get("age"))) {
				assertThat(seen.get("ageBad").stringValue()).as(expected.name()).isEqualTo("true");
				assertThat(seen.get("ageText").stringValue()).contains("old: more than the one hour");
				if (seen.get("rows").has("timestamp")) {
					assertThat(seen.get("rows").get("timestamp").get("age").stringValue()).isEqualTo("bad");
				}
			}
			String algorithmBad = seen.get("algorithmBad").isNull() ? "false" : seen.get("algorithmBad").stringValue();
			assertThat(algorithmBad).as(expected.name() + ": " + seen.get("algorithmText"))
				.isEqualTo(String.valueOf("bad".equals(expected.expect().get("algorithm"))));
			assertThat(seen.get("hints").size()).as(expected.name()).isPositive();
			assertThat(SCREENSHOTS.resolve("console-diagnose-" + expected.name() + ".png")).isNotEmptyFile();
		}
		JsonNode widget = cases.get("widget-source-uw");
		assertThat(widget.get("cloudinaryString").stringValue()).isEqualTo("source=uw&timestamp=1709830648");
		assertThat(widget.get("signetString").stringValue()).isEqualTo("timestamp=1709830648");
		assertThat(widget.get("hints").toString()).contains("The Upload Widget adds source=uw");
		assertThat(cases.get("tags-same-parameters-sha256-account").get("algorithmText").stringValue())
			.contains("40 hex characters: SHA-1")
			.contains("the account uses SHA-256");
		assertThat(cases.get("stale-request-reported-as-a-date").get("ageText").stringValue())
			.startsWith("Timestamp 1434805181: ");
		assertThat(cases.get("public-id-without-extension").get("rows").get("public_id").get("text").stringValue())
			.contains("raphael-arias2.jpg")
			.contains("The value differs");
	}

	@Test
	void profilePageShowsWhatSignetSignsAndAddsWithTheStringToSignMasked() {
		JsonNode page = shown();
		assertThat(page.get("profileNames").toString()).as("the profiles the web client may use")
			.isEqualTo("[\"default\",\"shop\"]");
		assertThat(page.get("explainEnabled").booleanValue()).isTrue();
		JsonNode profile = page.get("profile");
		assertThat(profile.get("signed").stringValue()).as(profile.toString())
			.contains("Signed with profile shop")
			.contains("/v1_1/" + TestAccounts.CLOUD_NAME + "/image/upload");
		JsonNode rows = profile.get("rows");
		assertThat(rows.get("public_id").get("status").stringValue()).isEqualTo("kept");
		assertThat(rows.get("folder").get("status").stringValue()).isEqualTo("kept");
		assertThat(rows.get("tags").get("status").stringValue()).isEqualTo("added");
		assertThat(rows.get("tags").get("signed").stringValue()).isEqualTo("staff-upload,web");
		assertThat(rows.get("tags").get("words").stringValue()).isEqualTo("Added: forced by the profile");
		assertThat(rows.get("timestamp").get("status").stringValue()).isEqualTo("added");
		assertThat(profile.get("forced").toString()).isEqualTo("[\"tags\"]");
		assertThat(profile.get("stringToSign").stringValue())
			.matches("context=signet_upload_id=[0-9a-f]{32}&folder=products/cats&overwrite=false&public_id=cat-photo"
					+ "&tags=staff-upload,web&timestamp=[0-9]{10}<api_secret>");
		assertThat(rows.get("context").get("status").stringValue()).isEqualTo("added");
		assertThat(rows.get("context").get("words").stringValue()).contains("follow the upload");
		assertThat(rows.get("overwrite").get("status").stringValue()).isEqualTo("added");
		assertThat(rows.get("overwrite").get("words").stringValue()).contains("never overwrites");
		JsonNode snippets = profile.get("snippets");
		assertThat(snippets.get("fetch").stringValue()).contains("/v1/signatures")
			.contains("profile: 'shop'")
			.contains("\"public_id\":\"cat-photo\"");
		assertThat(snippets.get("widget").stringValue()).contains("cloudName: \"" + TestAccounts.CLOUD_NAME + "\"")
			.contains("apiKey: \"" + TestAccounts.API_KEY + "\"")
			.contains("tags: \"staff-upload,web\"")
			.contains("/v1/signatures/widget?profile=shop");
		assertThat(snippets.get("next-cloudinary").stringValue()).contains("<CldUploadWidget")
			.contains("signatureEndpoint=\"/api/sign-cloudinary-params\"")
			.contains("\"tags\":\"staff-upload,web\"")
			.contains("/v1/signatures/widget?profile=shop");
		assertThat(SCREENSHOTS.resolve("console-profile.png")).isNotEmptyFile();
	}

	@Test
	void refusalsAreExplainedInWords() {
		JsonNode unauthenticated = shown().get("unauthenticated");
		assertThat(unauthenticated.get("role").stringValue()).isEqualTo("alert");
		assertThat(unauthenticated.get("headline").stringValue())
			.isEqualTo("Signet does not know who you are (Authentication required), HTTP 401");
		assertThat(unauthenticated.get("detail").stringValue()).isNotBlank();
		assertThat(unauthenticated.get("text").stringValue()).contains("Paste an API key or a bearer token above");
		JsonNode refused = shown().get("refused");
		assertThat(refused.get("headline").stringValue())
			.isEqualTo("Signet refused the request (Parameter not allowed), HTTP 400");
		assertThat(refused.get("detail").stringValue()).isNotBlank();
		assertThat(refused.get("text").stringValue()).contains("Signet refused to sign.");
		assertThat(refused.get("params").size()).as(refused.toString()).isEqualTo(1);
		assertThat(refused.get("params").get(0).get("name").stringValue()).isEqualTo("notification_url");
		assertThat(refused.get("params").get(0).get("text").stringValue()).contains("URL of the client's choosing");
		assertThat(refused.get("fetchSnippet").stringValue()).as("snippets keep the accepted parameters")
			.contains("\"public_id\":\"cat-photo\"")
			.doesNotContain("notification_url");
		assertThat(SCREENSHOTS.resolve("console-refused.png")).isNotEmptyFile();
	}

	@Test
	void pageRunsUnderItsOwnStrictPolicyThatBlocksInlineScriptAndEval() {
		JsonNode page = shown();
		assertThat(page.get("status").intValue()).isEqualTo(200);
		String policy = page.get("csp").get("header").stringValue();
		assertThat(policy).isEqualTo(ConsoleHttpTests.CONSOLE_POLICY).doesNotContain("unsafe");
		assertThat(page.get("violations").size())
			.as("violations while the console was used: %s", page.get("violations"))
			.isZero();
		assertThat(page.get("console").toString()).doesNotContain("pageerror")
			.doesNotContain("Content Security Policy");
		assertThat(page.get("csp").get("evalResult").stringValue()).isEqualTo("blocked: EvalError");
		assertThat(page.get("csp").get("inlineRan").booleanValue()).isFalse();
		assertThat(page.get("csp").get("handlerRan").booleanValue()).isFalse();
		assertThat(page.get("csp").get("violationsAtTheEnd").toString()).contains("script-src");
		assertThat(page.get("requests").toString()).as("nothing from another origin")
			.doesNotContain("https://")
			.contains("/console/console.css")
			.contains("/console/diagnose.js");
	}

	@Test
	void everyFieldIsLabelledTabsMoveByKeyboardAndEitherCredentialStaysInMemory() {
		JsonNode page = shown();
		assertThat(page.get("unlabelled").size()).as(page.get("unlabelled").toString()).isZero();
		JsonNode keyboard = page.get("keyboard");
		assertThat(keyboard.get("afterRight").get("selected").stringValue()).isEqualTo("Try a profile");
		assertThat(keyboard.get("afterRight").get("focused").stringValue()).isEqualTo("Try a profile");
		assertThat(keyboard.get("afterRight").get("visiblePanel").stringValue()).isEqualTo("panel-profiles");
		assertThat(keyboard.get("afterLeft").stringValue()).isEqualTo("Why is my signature invalid?");
		JsonNode storage = page.get("storage");
		assertThat(storage.get("local").intValue()).isZero();
		assertThat(storage.get("session").intValue()).isZero();
		assertThat(storage.get("cookie").stringValue()).isEmpty();
		assertThat(storage.get("fieldValue").stringValue()).as("the field is emptied once the key is taken").isEmpty();
		assertThat(page.get("authStatus").stringValue())
			.isEqualTo("Using an API key ending in …cdef, for this page only.");
		assertThat(page.get("bearerStatus").stringValue()).startsWith("Using a bearer token ending in …");
		assertThat(page.get("bearerNames").toString()).as("the token's caller may use the default profile only")
			.isEqualTo("[\"default\"]");
		assertThat(page.toString()).doesNotContain(TestAccounts.CANARY_SECRET).doesNotContain(TestAccounts.CLIENT_KEY);
	}

	private JsonNode shown() {
		if (shown == null) {
			Map<String, Object> input = new HashMap<>();
			input.put("url", "http://127.0.0.1:" + this.port + "/console");
			input.put("chromium", Tool.CHROMIUM.location());
			input.put("apiKey", TestAccounts.CLIENT_KEY);
			input.put("bearerToken", jwks.token("console-user"));
			input.put("screenshots", SCREENSHOTS.toString());
			input.put("cases", CASES.stream().map(ErrorCase::input).toList());
			input.put("profile",
					Map.of("name", "shop", "params", Map.of("public_id", "cat-photo", "folder", "products/cats")));
			input.put("refused", Map.of("params",
					Map.of("public_id", "cat-photo", "notification_url", "https://attacker.example/hook")));
			shown = NodeScript.run("console.mjs", input);
		}
		return shown;
	}

	/**
	 * One case of {@code cloudinary-errors.txt}.
	 *
	 * @param name the case's name
	 * @param fields its {@code key: value} lines
	 * @param expect what the page must mark
	 */
	record ErrorCase(String name, Map<String, String> fields, Map<String, String> expect) {

		Map<String, Object> input() {
			Map<String, Object> input = new HashMap<>();
			input.put("name", this.name);
			input.put("error", this.fields.get("error"));
			input.put("params", this.fields.getOrDefault("params", ""));
			if (this.fields.containsKey("algorithm")) {
				input.put("algorithm", this.fields.get("algorithm"));
			}
			return input;
		}

		static List<ErrorCase> load() {
			String text;
			try (InputStream in = ConsoleBrowserTests.class.getResourceAsStream("/console/cloudinary-errors.txt")) {
				text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			List<ErrorCase> cases = new ArrayList<>();
			String name = null;
			Map<String, String> fields = new LinkedHashMap<>();
			for (String line : (text + "\n== end").lines().toList()) {
				if (line.startsWith("#") || line.isBlank()) {
					continue;
				}
				if (line.startsWith("== ")) {
					if (name != null) {
						cases.add(new ErrorCase(name, fields, expectations(fields.get("expect"))));
					}
					name = line.substring(3).strip();
					fields = new LinkedHashMap<>();
				}
				else {
					int colon = line.indexOf(": ");
					fields.put(line.substring(0, colon), line.substring(colon + 2));
				}
			}
			return cases;
		}

		private static Map<String, String> expectations(String line) {
			Map<String, String> expect = new LinkedHashMap<>();
			for (String pair : line.split(",\\s*")) {
				int equals = pair.indexOf('=');
				expect.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
			return expect;
		}

	}

}
