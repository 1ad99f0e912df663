package dev.signet.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

	@Test
	void chunkedUploadIsJudgedPartByPartOnItsOwnTimestampAndAssembledOnce() throws Exception {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
		try (CloudinaryStandIn chunking = new CloudinaryStandIn("demo", "1234", "secret", SignatureAlgorithm.SHA1,
				clock)) {
			chunking.afterEveryAcceptedPart((attempt) -> clock.advance(Duration.ofMinutes(61)));
			byte[] file = file(2 * CloudinaryStandIn.MIN_PART + 1000);
			Map<String, String> first = signedPart(clock, "public_id", "big/one");
			assertThat(part(chunking, first, file, 0, CloudinaryStandIn.MIN_PART, "-1").statusCode()).isEqualTo(200);
			HttpResponse<String> stale = part(chunking, first, file, CloudinaryStandIn.MIN_PART,
					2 * CloudinaryStandIn.MIN_PART, Integer.toString(file.length));
			assertThat(stale.statusCode()).isEqualTo(400);
			assertThat(stale.body()).contains("Stale request - reported time is " + first.get("timestamp"));
			HttpResponse<String> second = part(chunking, signedPart(clock, "public_id", "big/one"), file,
					CloudinaryStandIn.MIN_PART, 2 * CloudinaryStandIn.MIN_PART, Integer.toString(file.length));
			assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
			assertThat(second.body()).isEqualTo("{\"done\":false,\"bytes\":" + 2 * CloudinaryStandIn.MIN_PART + "}");
			assertThat(chunking.accepted()).isEmpty();
			HttpResponse<String> last = part(chunking, signedPart(clock, "public_id", "big/one"), file,
					2 * CloudinaryStandIn.MIN_PART, file.length, Integer.toString(file.length));
			assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
			assertThat(last.body()).contains("\"public_id\":\"big/one\"").contains("\"bytes\":" + file.length);
			assertThat(chunking.accepted()).hasSize(1);
			List<CloudinaryStandIn.Attempt> attempts = chunking.attempts();
			assertThat(attempts).extracting(CloudinaryStandIn.Attempt::status).containsExactly(200, 400, 200, 200);
			assertThat(attempts).extracting((attempt) -> attempt.part().uploadId()).containsOnly("u-1");
			assertThat(attempts.get(3).file()).isEqualTo(file);
			assertThat(attempts.get(3).part().end()).isEqualTo(file.length - 1);
		}
	}

	@Test
	void partsOfOneUploadSignedOverDifferentParametersAreRefused() throws Exception {
		byte[] file = file(CloudinaryStandIn.MIN_PART + 10);
		Map<String, String> first = signedPart(Clock.systemUTC(), "public_id", "a");
		assertThat(part(this.standIn, first, file, 0, CloudinaryStandIn.MIN_PART, Integer.toString(file.length))
			.statusCode()).isEqualTo(200);
		HttpResponse<String> changed = part(this.standIn, signedPart(Clock.systemUTC(), "public_id", "b"), file,
				CloudinaryStandIn.MIN_PART, file.length, Integer.toString(file.length));
		assertThat(changed.statusCode()).isEqualTo(400);
		assertThat(changed.body()).contains("differ from the first part's: public_id");
		assertThat(this.standIn.accepted()).isEmpty();
	}

	@Test
	void partsBreakingSizesOrOrderAreRefused() throws Exception {
		byte[] file = file(2 * CloudinaryStandIn.MIN_PART + 10);
		String total = Integer.toString(file.length);
		Map<String, String> fields = signedPart(Clock.systemUTC(), "folder", "f");
		assertThat(part(this.standIn, fields, file, 0, 1000, total).body())
			.contains("Every part but the last must carry at least " + CloudinaryStandIn.MIN_PART + " bytes");
		assertThat(part(this.standIn, fields, file, 2 * CloudinaryStandIn.MIN_PART, file.length, total).body())
			.contains("The last part arrived before the earlier parts");
		assertThat(part(this.standIn, fields, file, 0, CloudinaryStandIn.MIN_PART, total).statusCode()).isEqualTo(200);
		assertThat(part(this.standIn, fields, file, 10, CloudinaryStandIn.MIN_PART + 10, total).body())
			.contains("overlap a part already received");
		assertThat(this.standIn.attempts()).extracting(CloudinaryStandIn.Attempt::status)
			.containsExactly(400, 400, 200, 400);
		assertThat(this.standIn.accepted()).isEmpty();
	}

	private static byte[] file(int size) {
		byte[] file = new byte[size];
		new Random(size).nextBytes(file);
		return file;
	}

	private Map<String, String> signedPart(Clock clock, String name, String value) {
		Map<String, Object> params = new TreeMap<>(
				Map.of(name, value, "timestamp", Long.toString(clock.instant().getEpochSecond())));
		return fields(params, Util.produceSignature(params, "secret", SignatureAlgorithm.SHA1, 2));
	}

	private HttpResponse<String> part(CloudinaryStandIn target, Map<String, String> fields, byte[] file, int from,
			int to, String total) throws Exception {
		Multipart.Body body = Multipart.build(fields, "blob", Arrays.copyOfRange(file, from, to));
		return this.client.send(HttpRequest.newBuilder(URI.create(target.uploadPrefix() + "/v1_1/demo/image/upload"))
			.header("Content-Type", body.contentType())
			.header("X-Unique-Upload-Id", "u-1")
			.header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + total)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
			.build(), HttpResponse.BodyHandlers.ofString());
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
