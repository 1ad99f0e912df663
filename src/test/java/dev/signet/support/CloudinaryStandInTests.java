package dev.signet.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Util;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloudinaryStandIn}: it must keep judging uploads independently of
 * Signet, like Cloudinary, while letting a browser page reach it.
 *
 * @author Signet developers
 */
class CloudinaryStandInTests {

	private final CloudinaryStandIn standIn = new CloudinaryStandIn("demo", "1234", "secret", SignatureAlgorithm.SHA1,
			Clock.systemUTC());

	private final HttpClient client = HttpClient.newHttpClient();

	@AfterEach
	void stop() {
		this.standIn.close();
	}

	@Test
	void preflightIsAnsweredForAnyOriginButNeverAllowsAuthorization() throws Exception {
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(uri("image"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "http://127.0.0.1:1")
			.header("Access-Control-Request-Method", "POST")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
		assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
			.doesNotContainIgnoringCase("authorization");
	}

	@Test
	void uploadSignedWithTheSecretIsAcceptedAndRecordedWithItsFile() throws Exception {
		Map<String, Object> params = new TreeMap<>(
				Map.of("folder", "a", "timestamp", Long.toString(System.currentTimeMillis() / 1000)));
		Map<String, String> fields = fields(params,
				Util.produceSignature(params, "secret", SignatureAlgorithm.SHA1, 2));
		fields.put("tags[]", "x");
		HttpResponse<String> response = post(fields, new byte[] { 1, 2, 3 });
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		fields.remove("tags[]");
		response = post(fields, new byte[] { 1, 2, 3 });
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
		List<CloudinaryStandIn.Attempt> attempts = this.standIn.attempts();
		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(0).verdict()).isEqualTo("Invalid Signature " + fields.get("signature")
				+ ". String to sign - 'folder=a&tags=x&timestamp=" + params.get("timestamp") + "'.");
		assertThat(attempts.get(1).accepted()).isTrue();
		assertThat(attempts.get(1).file()).containsExactly(1, 2, 3);
		assertThat(attempts.get(1).userAgent()).startsWith("Java-http-client");
	}

	@Test
	void uploadWithoutFileIsRefusedLikeCloudinary() throws Exception {
		Map<String, Object> params = new TreeMap<>(
				Map.of("timestamp", Long.toString(System.currentTimeMillis() / 1000)));
		Map<String, String> fields = fields(params,
				Util.produceSignature(params, "secret", SignatureAlgorithm.SHA1, 2));
		StringBuilder withoutFile = new StringBuilder();
		fields.forEach((name, value) -> withoutFile.append("--b0undary\r\nContent-Disposition: form-data; name=\"")
			.append(name)
			.append("\"\r\n\r\n")
			.append(value)
			.append("\r\n"));
		withoutFile.append("--b0undary--\r\n");
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(uri("image"))
			.header("Content-Type", "multipart/form-data; boundary=b0undary")
			.POST(HttpRequest.BodyPublishers.ofString(withoutFile.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Missing required parameter - file");
	}

	private Map<String, String> fields(Map<String, Object> params, String signature) {
		Map<String, String> fields = new LinkedHashMap<>();
		params.forEach((name, value) -> fields.put(name, value.toString()));
		fields.put("api_key", "1234");
		fields.put("signature", signature);
		return fields;
	}

	private HttpResponse<String> post(Map<String, String> fields, byte[] file) throws Exception {
		Multipart.Body body = Multipart.build(fields, "f.png", file);
		return this.client.send(HttpRequest.newBuilder(uri("image"))
			.header("Content-Type", body.contentType())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String resourceType) {
		return URI.create(this.standIn.uploadPrefix() + "/v1_1/demo/" + resourceType + "/upload");
	}

}
