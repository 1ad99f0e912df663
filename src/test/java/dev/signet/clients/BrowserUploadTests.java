package dev.signet.clients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import authserver.AuthServerApp;
import com.cloudinary.SignatureAlgorithm;
import dev.signet.support.CloudinaryStandIn;
import dev.signet.support.CloudinaryStandIn.Attempt;
import dev.signet.support.Eventually;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.Needs;
import dev.signet.support.TestAccounts;
import dev.signet.support.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example React page ({@code examples/react-upload}, built) in Debian's headless
 * Chromium, driven by playwright-core: the page signs in for a short-lived JWT from a
 * real authorization server, asks Signet for a signature across origins and uploads the
 * picked file straight to a local stand-in of Cloudinary's upload API that re-checks the
 * signature. Screenshots of each final state go to {@code target/screenshots}.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.jwt.audience=signet",
				"logging.level.signet.audit=INFO", "signet.profiles.widget-page.jwt-clients=web-app",
				"signet.profiles.widget-page.forced.folder=widget/{client}",
				"signet.profiles.widget-page.forced.upload-preset=widget",
				"signet.profiles.widget-page.allowed.source.values=uw",
				"signet.profiles.widget-page.allowed.tags.max-items=5" })
@Needs({ Tool.CHROMIUM, Tool.NODE_PACKAGES, Tool.EXAMPLE_PAGE })
@ExtendWith(OutputCaptureExtension.class)
class BrowserUploadTests {

	private static final CloudinaryStandIn standIn = new CloudinaryStandIn(TestAccounts.CLOUD_NAME,
			TestAccounts.API_KEY, TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA256, Clock.systemUTC());

	private static ConfigurableApplicationContext authServer;

	/** The page's origin, allowed in SIGNET_CORS_ALLOWED_ORIGINS. */
	private static ExamplePageServer page;

	/** The same page on an origin Signet does not allow. */
	private static ExamplePageServer otherOrigin;

	private static Path chromium;

	private static Path photo;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startPages() {
		chromium = Path.of(Tool.CHROMIUM.location());
		Path dist = Path.of(Tool.EXAMPLE_PAGE.location());
		page = new ExamplePageServer(dist);
		otherOrigin = new ExamplePageServer(dist);
		photo = TestImages.png("browser-photo.png", 400);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		authServer = AuthServerApp.start();
		// Signet reads the issuer's metadata at startup with a short timeout: answer once
		// first.
		new Http(Integer.parseInt(issuer().substring(issuer().lastIndexOf(':') + 1))).send("GET",
				"/.well-known/openid-configuration", null);
		registry.add("signet.jwt.issuer-uri", BrowserUploadTests::issuer);
		registry.add("signet.cors.allowed-origins", () -> page.origin());
		registry.add("CLOUDINARY_URL",
				() -> TestAccounts.cloudinaryUrl("signature_algorithm=sha256&upload_prefix=" + standIn.uploadPrefix()));
	}

	@AfterAll
	static void stop() {
		standIn.close();
		if (page != null) {
			page.close();
			otherOrigin.close();
		}
		if (authServer != null) {
			authServer.close();
		}
	}

	@BeforeEach
	void configurePages() {
		String signet = "http://127.0.0.1:" + this.port;
		for (ExamplePageServer server : new ExamplePageServer[] { page, otherOrigin }) {
			server.signIn(BrowserUploadTests::issuer);
			server.backendRoute(signet, TestAccounts.CLIENT_KEY);
			server.config(bearerConfig(signet));
		}
	}

	@Test
	void pickedFileIsUploadedStraightToCloudinaryWithSignetSignature(CapturedOutput output) throws Exception {
		int before = standIn.attempts().size();
		JsonNode shown = browse(page.origin() + "/", "upload",
				Map.of("folder", "browser", "public_id", "cat-photo", "tags", "cats, e2e"), null);
		assertThat(shown.get("outcome").stringValue()).as(shown.toString()).isEqualTo("result");
		assertThat(shown.get("publicId").stringValue()).isEqualTo("cat-photo");
		assertThat(shown.get("percent").stringValue()).isEqualTo("100%");
		Attempt upload = ClientVerdicts.record("React page (fetch + XMLHttpRequest/FormData, Chromium, JWT)",
				onlyNewAttempt(before));
		assertThat(upload.accepted()).as(upload.toString()).isTrue();
		assertThat(upload.userAgent()).contains("HeadlessChrome");
		assertThat(upload.origin()).isEqualTo(page.origin());
		assertThat(upload.file()).isEqualTo(Files.readAllBytes(photo));
		assertThat(upload.params()).containsEntry("folder", "browser")
			.containsEntry("public_id", "cat-photo")
			.containsEntry("tags", "cats,e2e")
			.containsEntry("overwrite", "false")
			.containsKey("timestamp");
		assertAudited(output, "\"event\":\"signature.issued\".*\"auth\":\"jwt\",\"client\":\"web-app\"");
	}

	@Test
	void forbiddenParameterShowsSignetRefusal() {
		int before = standIn.attempts().size();
		JsonNode shown = browse(page.origin() + "/", "refusal",
				Map.of("extra", "{\"notification_url\": \"https://attacker.example/hook\"}"), null);
		assertThat(shown.get("outcome").stringValue()).as(shown.toString()).isEqualTo("error");
		assertThat(shown.get("error").stringValue()).isEqualTo("Signet refused (HTTP 400): Signet refused this "
				+ "parameter: notification_url (never signed: makes Cloudinary call or redirect to a URL of the "
				+ "client's choosing). Change or remove it and retry.");
		assertThat(standIn.attempts()).hasSize(before);
	}

	@Test
	void pageOriginIsAllowedAndAnotherOriginIsRefusedAtPreflight(CapturedOutput output) {
		Http http = new Http(this.port);
		Response allowed = preflight(http, page.origin());
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(page.origin());
		assertThat(allowed.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
		Response refused = preflight(http, otherOrigin.origin());
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.header("Access-Control-Allow-Origin")).isNull();

		int before = standIn.attempts().size();
		JsonNode shown = browse(otherOrigin.origin() + "/", "cors-refused", Map.of("folder", "cors"), null);
		assertThat(shown.get("outcome").stringValue()).as(shown.toString()).isEqualTo("error");
		assertThat(shown.get("error").stringValue())
			.startsWith("Signet could not be reached from " + otherOrigin.origin())
			.contains("SIGNET_CORS_ALLOWED_ORIGINS");
		assertThat(shown.get("console").toString()).contains("has been blocked by CORS policy")
			.contains("Response to preflight request doesn't pass access control check");
		assertThat(output.getOut()).contains("Refused cross-origin OPTIONS /v1/signatures with 403");
		assertThat(standIn.attempts()).hasSize(before);
	}

	@Test
	void uploadWidgetGetsSignaturesFromUploadSignatureFunction(CapturedOutput output) {
		int before = standIn.attempts().size();
		Map<String, Object> config = bearerConfig("http://127.0.0.1:" + this.port);
		config.put("widgetProfile", "widget-page");
		page.config(config);
		JsonNode shown = browse(page.origin() + "/?mode=widget", "widget", Map.of(), standIn.uploadPrefix());
		assertThat(shown.get("widgetOptions").toString()).contains("\"cloudName\":\"" + TestAccounts.CLOUD_NAME + "\"")
			.contains("\"apiKey\":\"" + TestAccounts.API_KEY + "\"")
			.contains("\"folder\":\"widget/web-app\"")
			.contains("\"uploadPreset\":\"widget\"");
		assertThat(shown.get("outcome").stringValue()).as(shown.toString()).isEqualTo("result");
		Attempt upload = ClientVerdicts.record("React page, Upload Widget uploadSignature(callback, paramsToSign)",
				onlyNewAttempt(before));
		assertThat(upload.accepted()).as(upload.toString()).isTrue();
		assertThat(upload.params()).containsOnlyKeys("source", "timestamp", "folder", "upload_preset")
			.containsEntry("source", "uw")
			.containsEntry("folder", "widget/web-app")
			.containsEntry("upload_preset", "widget");
		assertThat(shown.get("publicId").stringValue()).startsWith("widget/web-app/");
		assertAudited(output, "\"event\":\"signature.issued\",[^\\n]*\"endpoint\":\"widget\"");
	}

	@Test
	void backendRouteAddsTrustedApiKeySoThePageNeedsNoTokenAndNoCors(CapturedOutput output) {
		int before = standIn.attempts().size();
		Map<String, Object> config = new HashMap<>();
		config.put("signetUrl", "/api/signet");
		page.config(config);
		JsonNode shown = browse(page.origin() + "/", "backend-route", Map.of("folder", "from-backend"), null);
		assertThat(shown.get("outcome").stringValue()).as(shown.toString()).isEqualTo("result");
		Attempt upload = ClientVerdicts.record("React page through its backend route (API key added server-side)",
				onlyNewAttempt(before));
		assertThat(upload.accepted()).as(upload.toString()).isTrue();
		assertThat(upload.params()).containsEntry("folder", "from-backend");
		assertThat(shown.get("requests").toString()).contains(page.origin() + "/api/signet/v1/signatures")
			.doesNotContain("/auth/token");
		assertAudited(output, "\"event\":\"signature.issued\".*\"auth\":\"api_key\",\"client\":\"web\"");
	}

	private JsonNode browse(String url, String name, Map<String, String> fields, String widgetUploadPrefix) {
		Map<String, Object> input = new HashMap<>();
		input.put("url", url);
		input.put("chromium", chromium.toString());
		input.put("file", photo.toString());
		input.put("fields", fields);
		input.put("screenshot", Tool.projectDir().resolve("target/screenshots/" + name + ".png").toString());
		if (widgetUploadPrefix != null) {
			input.put("widget", Map.of("uploadPrefix", widgetUploadPrefix));
		}
		return NodeScript.run("browser-upload.mjs", input);
	}

	private static Attempt onlyNewAttempt(int before) {
		assertThat(standIn.attempts()).hasSize(before + 1);
		return standIn.attempts().get(before);
	}

	private static Response preflight(Http http, String origin) {
		return http.send("OPTIONS", "/v1/signatures", null, "Origin", origin, "Access-Control-Request-Method", "POST",
				"Access-Control-Request-Headers", "authorization,content-type");
	}

	private static Map<String, Object> bearerConfig(String signet) {
		Map<String, Object> config = new HashMap<>();
		config.put("signetUrl", signet);
		config.put("tokenUrl", "/auth/token");
		config.put("widgetProfile", "default");
		return config;
	}

	private static String issuer() {
		return "http://127.0.0.1:" + authServer.getEnvironment().getProperty("local.server.port");
	}

	/** The audit log is written by a background thread: wait for the event. */
	private static void assertAudited(CapturedOutput output, String pattern) {
		Pattern event = Pattern.compile(pattern);
		Eventually.within(Duration.ofSeconds(5), () -> event.matcher(output.getOut()).find());
		assertThat(output.getOut()).containsPattern(event);
	}

}
