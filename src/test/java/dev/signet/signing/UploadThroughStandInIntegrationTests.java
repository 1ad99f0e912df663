package dev.signet.signing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.cloudinary.SignatureAlgorithm;
import dev.signet.support.CloudinaryStandIn;
import dev.signet.support.Eventually;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.Multipart;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end: Signet signs, the client uploads to a local stand-in of Cloudinary's upload
 * API that re-checks the signature as Cloudinary does.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "logging.level.signet.audit=INFO" })
@ExtendWith(OutputCaptureExtension.class)
class UploadThroughStandInIntegrationTests {

	private static final CloudinaryStandIn standIn = new CloudinaryStandIn(TestAccounts.CLOUD_NAME,
			TestAccounts.API_KEY, TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA256, Clock.systemUTC());

	@LocalServerPort
	private int port;

	private Http http;

	@DynamicPropertySource
	static void cloudinary(DynamicPropertyRegistry registry) {
		registry.add("CLOUDINARY_URL",
				() -> TestAccounts.cloudinaryUrl("signature_algorithm=sha256&upload_prefix=" + standIn.uploadPrefix()));
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void uploadWithSignetSignatureIsAcceptedByCloudinaryStandIn(CapturedOutput output) throws Exception {
		Response signed = this.http.postJson("/v1/signatures",
				"{\"params\": {\"folder\": \"e2e\", \"public_id\": \"photo one\", \"tags\": [\"x\", \"y\"], "
						+ "\"context\": \"alt=A & B\", \"use_filename\": true}}");
		assertThat(signed.status()).isEqualTo(200);
		JsonNode body = signed.json();
		assertThat(body.get("signature").stringValue()).hasSize(64);
		HttpResponse<String> upload = upload(body, Map.of());
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
		assertThat(upload.body()).contains("\"public_id\":\"photo one\"");
		assertThat(standIn.accepted()).isNotEmpty();
		String requestId = signed.header("X-Request-Id");
		String audited = "\"event\":\"signature.issued\",\"request_id\":\"" + requestId + "\"";
		Eventually.within(Duration.ofSeconds(5), () -> output.getOut().contains(audited));
		assertThat(output.getOut()).contains(audited);
	}

	@Test
	void uploadWithChangedParameterIsRejectedWithCloudinaryErrorText() throws Exception {
		Response signed = this.http.postJson("/v1/signatures", "{\"params\": {\"folder\": \"e2e\"}}");
		HttpResponse<String> upload = upload(signed.json(), Map.of("folder", "elsewhere"));
		assertThat(upload.statusCode()).isEqualTo(401);
		assertThat(upload.body()).contains("Invalid Signature")
			.contains("String to sign - 'context=signet_upload_id=" + signed.json().get("upload_id").stringValue()
					+ "&folder=elsewhere&timestamp=");
	}

	@Test
	void uploadWithoutServerAddedOverwriteIsRejected() throws Exception {
		Response signed = this.http.postJson("/v1/signatures", "{\"params\": {\"public_id\": \"mine\"}}");
		Map<String, String> fields = new LinkedHashMap<>();
		signed.json().get("params").properties().forEach((e) -> fields.put(e.getKey(), e.getValue().stringValue()));
		fields.remove("overwrite");
		fields.put("api_key", signed.json().get("api_key").stringValue());
		fields.put("signature", signed.json().get("signature").stringValue());
		HttpResponse<String> upload = post(signed.json().get("upload_url").stringValue(), fields);
		assertThat(upload.statusCode()).isEqualTo(401);
	}

	@Test
	void widgetUploadWithSignetSignatureIsAccepted() throws Exception {
		long timestamp = Instant.now().getEpochSecond();
		Response signed = this.http.postJson("/v1/signatures/widget", "{\"paramsToSign\": {\"source\": \"uw\", "
				+ "\"timestamp\": " + timestamp + ", \"folder\": \"widget\", \"tags\": \"avatars\"}}");
		assertThat(signed.status()).isEqualTo(200);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("source", "uw");
		fields.put("timestamp", Long.toString(timestamp));
		fields.put("folder", "widget");
		fields.put("tags", "avatars");
		fields.put("api_key", signed.json().get("api_key").stringValue());
		fields.put("signature", signed.json().get("signature").stringValue());
		HttpResponse<String> upload = post(standIn.uploadPrefix() + "/v1_1/" + TestAccounts.CLOUD_NAME + "/auto/upload",
				fields);
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
	}

	@Test
	void metricsCountIssuedAndRefusedSignatures() {
		this.http.postJson("/v1/signatures", "{\"params\": {}}");
		this.http.postJson("/v1/signatures", "{\"params\": {\"eval\": \"1\"}}");
		String metrics = this.http.send("GET", "/actuator/prometheus", null).body();
		assertThat(metrics)
			.contains("signet_signatures_issued_total{client=\"web\",endpoint=\"stamped\",profile=\"default\"}")
			.contains("signet_signatures_refused_total{client=\"web\",endpoint=\"stamped\",profile=\"default\","
					+ "reason=\"parameter-not-allowed\"}")
			.contains("http_server_requests_seconds_count{");
	}

	private HttpResponse<String> upload(JsonNode signed, Map<String, String> overrides)
			throws IOException, InterruptedException {
		Map<String, String> fields = new LinkedHashMap<>();
		signed.get("params").properties().forEach((e) -> fields.put(e.getKey(), e.getValue().stringValue()));
		fields.putAll(overrides);
		fields.put("api_key", signed.get("api_key").stringValue());
		fields.put("signature", signed.get("signature").stringValue());
		return post(signed.get("upload_url").stringValue(), fields);
	}

	private static HttpResponse<String> post(String url, Map<String, String> fields)
			throws IOException, InterruptedException {
		Multipart.Body body = Multipart.build(fields, "photo.png", new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", body.contentType())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
