package dev.signet.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import authserver.AuthServerApp;
import com.cloudinary.SignatureAlgorithm;
import dev.signet.support.CloudinaryStandIn;
import dev.signet.support.CloudinaryStandIn.Attempt;
import dev.signet.support.Http;
import dev.signet.support.Needs;
import dev.signet.support.TestAccounts;
import dev.signet.support.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Official clients outside the browser, as their users run them against Signet: the
 * Cloudinary Node SDK's {@code uploader.upload} with a ready signature, next-cloudinary's
 * {@code generateSignatureCallback} with widget-shaped parameters, and
 * {@code examples/curl.sh}. Each upload goes to a local stand-in of Cloudinary's upload
 * API that re-checks the signature.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.jwt.audience=signet",
				"signet.profiles.widget-page.jwt-clients=web-app",
				"signet.profiles.widget-page.forced.folder=widget/{client}",
				"signet.profiles.widget-page.forced.upload-preset=widget",
				"signet.profiles.widget-page.allowed.source.values=uw" })
class SdkClientsTests {

	private static final CloudinaryStandIn standIn = new CloudinaryStandIn(TestAccounts.CLOUD_NAME,
			TestAccounts.API_KEY, TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA1, Clock.systemUTC());

	private static ConfigurableApplicationContext authServer;

	private static Path photo;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void files() {
		photo = TestImages.png("sdk-photo.png", 64);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		authServer = AuthServerApp.start();
		new Http(authServerPort()).send("GET", "/.well-known/openid-configuration", null);
		registry.add("signet.jwt.issuer-uri", () -> "http://127.0.0.1:" + authServerPort());
		registry.add("CLOUDINARY_URL", () -> TestAccounts.cloudinaryUrl("upload_prefix=" + standIn.uploadPrefix()));
	}

	@AfterAll
	static void stop() {
		standIn.close();
		authServer.close();
	}

	@Test
	@Needs(Tool.NODE_PACKAGES)
	void nodeSdkUploadsWithSignetSignatureAndSignsNothingItself() {
		int before = standIn.attempts().size();
		Map<String, Object> input = new HashMap<>();
		input.put("signetUrl", signetUrl());
		input.put("apiKey", TestAccounts.CLIENT_KEY);
		input.put("params", Map.of("folder", "reports", "public_id", "q3 summary", "tags", List.of("node", "sdk"),
				"context", "alt=Q3 & Q4|caption=a=b", "use_filename", true));
		input.put("file", photo.toString());
		input.put("cloudName", TestAccounts.CLOUD_NAME);
		input.put("cloudinaryApiKey", TestAccounts.API_KEY);
		input.put("uploadPrefix", standIn.uploadPrefix());
		JsonNode out = NodeScript.run("node-sdk-upload.mjs", input);
		assertThat(out.get("result").get("public_id").stringValue()).isEqualTo("q3 summary");
		Attempt upload = ClientVerdicts.record("Cloudinary Node SDK 2.11.0 uploader.upload with Signet's signature",
				onlyNewAttempt(before));
		assertThat(upload.accepted()).as(upload.toString()).isTrue();
		assertThat(upload.userAgent()).startsWith("CloudinaryNodeJS/2.11.0");
		assertThat(upload.file()).isEqualTo(bytes(photo));
		assertThat(upload.params()).containsEntry("tags", "node,sdk")
			.containsEntry("use_filename", "true")
			.containsEntry("overwrite", "false")
			.containsOnlyKeys("folder", "public_id", "tags", "context", "use_filename", "overwrite", "timestamp");
		assertThat(upload.params().get("context")).asString()
			.matches("alt=Q3 & Q4\\|caption=a=b\\|signet_upload_id=[0-9a-f]{32}");
	}

	@Test
	@Needs(Tool.NODE_PACKAGES)
	void nextCloudinarySignatureCallbackWithCredentialedFetchSignsWidgetParameters() {
		int before = standIn.attempts().size();
		JsonNode out = NodeScript.run("next-cloudinary-signature.mjs",
				nextCloudinaryInput("widget/web-app", "widget", false));
		assertThat(out.get("widgetOptions").toString()).contains("\"uploadSignature\":\"function\"");
		assertThat(out.get("signature").stringValue()).hasSize(40);
		assertThat(out.get("upload").get("status").intValue()).as(out.toString()).isEqualTo(200);
		Attempt upload = ClientVerdicts.record(
				"next-cloudinary generateSignatureCallback (@cloudinary-util/url-loader 6.3.1), widget upload",
				onlyNewAttempt(before));
		assertThat(upload.accepted()).as(upload.toString()).isTrue();
		assertThat(upload.params()).containsOnlyKeys("source", "timestamp", "folder", "upload_preset")
			.containsEntry("timestamp", out.get("paramsToSign").get("timestamp").asString());
	}

	@Test
	@Needs(Tool.NODE_PACKAGES)
	void nextCloudinaryCallbackPassesSignetRefusalToTheWidgetAsError() {
		JsonNode out = NodeScript.run("next-cloudinary-signature.mjs",
				nextCloudinaryInput("elsewhere", "widget", false));
		assertThat(text(out, "signature")).isNull();
		assertThat(out.get("error").stringValue()).contains(
				"folder (the profile 'widget-page' requires " + "folder=widget/web-app; set it in the widget options)");
		assertThat(out.get("upload")).isNull();
	}

	@Test
	@Needs(Tool.NODE_PACKAGES)
	void nextCloudinarySignatureEndpointAloneSendsNoCredentialsSoTheWidgetGetsNoSignature() {
		JsonNode out = NodeScript.run("next-cloudinary-signature.mjs",
				nextCloudinaryInput("widget/web-app", "widget", true));
		// Plain fetch sends no Authorization header: Signet answers 401 and the callback
		// hands the widget an undefined signature without an error.
		assertThat(text(out, "signature")).isNull();
		assertThat(text(out, "error")).isNull();
		assertThat(out.get("upload")).isNull();
	}

	@Test
	@Needs({ Tool.CURL, Tool.JQ })
	void curlExampleUploadsWithSignetSignature() throws Exception {
		int before = standIn.attempts().size();
		Process curl = curlExample("curl-folder");
		String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(curl.exitValue()).as(output).isZero();
		assertThat(output).contains("\"public_id\":\"curl-folder/");
		Attempt upload = ClientVerdicts.record("examples/curl.sh (curl + jq)", onlyNewAttempt(before));
		assertThat(upload.accepted()).as(upload.toString()).isTrue();
		assertThat(upload.userAgent()).startsWith("curl/");
		assertThat(upload.file()).isEqualTo(bytes(photo));
		assertThat(upload.params()).containsOnlyKeys("context", "folder", "tags", "timestamp")
			.containsEntry("tags", "curl");
		assertThat(upload.params().get("context")).asString().matches("signet_upload_id=[0-9a-f]{32}");
	}

	@Test
	@Needs({ Tool.CURL, Tool.JQ })
	void curlExamplePrintsSignetRefusalAndExits22() throws Exception {
		int before = standIn.attempts().size();
		Process curl = curlExample("../etc");
		String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(curl.exitValue()).as(output).isEqualTo(22);
		assertThat(output).contains("\"type\":\"https://signet.dev/problems/invalid-parameter\"")
			.contains("\"detail\":\"Signet refused this parameter: folder");
		assertThat(standIn.attempts()).hasSize(before);
	}

	private Process curlExample(String folder) throws IOException {
		ProcessBuilder builder = new ProcessBuilder("bash", "examples/curl.sh", photo.toString(), folder)
			.directory(Tool.projectDir().toFile())
			.redirectErrorStream(true);
		builder.environment().put("SIGNET_URL", signetUrl());
		builder.environment().put("SIGNET_API_KEY", TestAccounts.CLIENT_KEY);
		return builder.start();
	}

	private Map<String, Object> nextCloudinaryInput(String folder, String uploadPreset, boolean propOnly) {
		Map<String, Object> input = new HashMap<>();
		input.put("signatureEndpoint", signetUrl() + "/v1/signatures/widget?profile=widget-page");
		input.put("token", token());
		input.put("cloudName", TestAccounts.CLOUD_NAME);
		input.put("apiKey", TestAccounts.API_KEY);
		input.put("folder", folder);
		input.put("uploadPreset", uploadPreset);
		input.put("uploadPrefix", standIn.uploadPrefix());
		input.put("file", photo.toString());
		input.put("signatureEndpointPropOnly", propOnly);
		return input;
	}

	private String signetUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	private static String token() {
		return Tokens.clientCredentials("http://127.0.0.1:" + authServerPort(), "web-app");
	}

	private static int authServerPort() {
		return Integer.parseInt(authServer.getEnvironment().getProperty("local.server.port"));
	}

	private static Attempt onlyNewAttempt(int before) {
		assertThat(standIn.attempts()).hasSize(before + 1);
		return standIn.attempts().get(before);
	}

	private static String text(JsonNode json, String name) {
		JsonNode value = json.get(name);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static byte[] bytes(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
