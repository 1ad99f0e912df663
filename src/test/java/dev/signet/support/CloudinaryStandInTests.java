package dev.signet.support;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Util;
import com.sun.net.httpserver.HttpServer;
import dev.signet.cloudinary.ApiResponseSignature;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.KeyRing;
import dev.signet.notification.NotificationVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

	private static final JsonMapper JSON = JsonMapper.builder().build();

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

	@Test
	void uploadResponseCarriesAVerifiableSignatureAndEchoesTheSignedContext() throws Exception {
		Map<String, Object> params = new TreeMap<>(Map.of("public_id", "pics/one", "context",
				"signet_upload_id=0123456789abcdef0123456789abcdef|alt=a\\|b\\=c", "timestamp", now()));
		HttpResponse<String> response = post(fields(params, sign(params)), png(3, 2));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = JSON.readTree(response.body());
		assertThat(ApiResponseSignature.matches(body.get("public_id").stringValue(), body.get("version").asString(),
				body.get("signature").stringValue(), ApiSecret.of("secret")))
			.isTrue();
		assertThat(body.get("asset_id").stringValue()).matches("[0-9a-f]{32}");
		assertThat(body.get("context").get("custom").get("signet_upload_id").stringValue())
			.isEqualTo("0123456789abcdef0123456789abcdef");
		assertThat(body.get("context").get("custom").get("alt").stringValue()).isEqualTo("a|b=c");
		assertThat(body.get("secure_url").stringValue()).isEqualTo(
				"https://res.cloudinary.com/demo/image/upload/v" + body.get("version").asString() + "/pics/one.png");
	}

	@Test
	void imageDimensionsAreReadFromAPngAndTheAssetIsStored() throws Exception {
		Map<String, Object> params = new TreeMap<>(Map.of("public_id", "dims", "timestamp", now()));
		HttpResponse<String> response = post(fields(params, sign(params)), png(640, 480));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"width\":640", "\"height\":480", "\"format\":\"png\"");
		assertThat(this.standIn.assets()).singleElement().satisfies((asset) -> {
			assertThat(asset.publicId()).isEqualTo("dims");
			assertThat(asset.width()).isEqualTo(640);
			assertThat(asset.height()).isEqualTo(480);
			assertThat(asset.bytes()).isEqualTo(png(640, 480).length);
		});
		post(fields(params, sign(params)), png(10, 10));
		assertThat(this.standIn.assets()).singleElement().satisfies((asset) -> assertThat(asset.width()).isEqualTo(10));
	}

	@Test
	void notificationIsDeliveredSignedSoThatSignetsVerifierAcceptsIt() throws Exception {
		List<String[]> received = new CopyOnWriteArrayList<>();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/hook", (exchange) -> {
			received.add(new String[] { new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
					exchange.getRequestHeaders().getFirst("X-Cld-Timestamp"),
					exchange.getRequestHeaders().getFirst("X-Cld-Signature") });
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		receiver.start();
		try {
			this.standIn.nextDuration(12.5);
			String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
			Map<String, Object> params = new TreeMap<>(
					Map.of("notification_url", url, "context", "k=v", "timestamp", now()));
			assertThat(post(fields(params, sign(params)), png(4, 4)).statusCode()).isEqualTo(200);
			Eventually.within(Duration.ofSeconds(5), () -> this.standIn.notificationsSent().size() == 1);
			assertThat(this.standIn.notificationsSent().get(0).status()).isEqualTo(200);
			assertThat(received).hasSize(1);
			String[] delivery = received.get(0);
			NotificationVerifier verifier = new NotificationVerifier(accounts(), Clock.systemUTC(), Duration.ofHours(2),
					Duration.ofMinutes(1));
			NotificationVerifier.Verdict verdict = verifier.verify(CloudinaryAccounts.DEFAULT,
					delivery[0].getBytes(StandardCharsets.UTF_8), delivery[2], delivery[1]);
			assertThat(verdict.valid()).as(verdict.detail()).isTrue();
			JsonNode body = JSON.readTree(delivery[0]);
			assertThat(body.get("notification_type").stringValue()).isEqualTo("upload");
			assertThat(body.get("context").get("custom").get("k").stringValue()).isEqualTo("v");
			assertThat(body.get("duration").asDouble()).isEqualTo(12.5);
			assertThat(body.get("asset_id").stringValue()).isEqualTo(this.standIn.assets().get(0).assetId());
		}
		finally {
			receiver.stop(0);
		}
	}

	@Test
	void adminLookupNeedsBasicAuthWithKeyAndSecret() throws Exception {
		Map<String, Object> params = new TreeMap<>(Map.of("public_id", "a/b c", "timestamp", now()));
		assertThat(post(fields(params, sign(params)), png(2, 2)).statusCode()).isEqualTo(200);
		URI resource = URI.create(this.standIn.uploadPrefix() + "/v1_1/demo/resources/image/upload/a/b%20c");
		HttpResponse<String> anonymous = this.client.send(HttpRequest.newBuilder(resource).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		HttpResponse<String> wrong = this.client.send(
				HttpRequest.newBuilder(resource).header("Authorization", basic("1234:nope")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(wrong.statusCode()).isEqualTo(401);
		HttpResponse<String> found = this.client.send(
				HttpRequest.newBuilder(resource).header("Authorization", basic("1234:secret")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
		assertThat(JSON.readTree(found.body()).get("width").asInt()).isEqualTo(2);
		HttpResponse<String> missing = this.client.send(HttpRequest
			.newBuilder(URI.create(this.standIn.uploadPrefix() + "/v1_1/demo/resources/image/upload/nope"))
			.header("Authorization", basic("1234:secret"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("Resource not found - nope");
		this.standIn.failAdminApi(503, 1);
		assertThat(this.client
			.send(HttpRequest.newBuilder(resource).header("Authorization", basic("1234:secret")).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(503);
		assertThat(this.standIn.adminLookups()).isEqualTo(5);
	}

	@Test
	void destroyWithABadSignatureIsRefusedAndAGoodOneRemovesTheAsset() throws Exception {
		Map<String, Object> params = new TreeMap<>(Map.of("public_id", "gone", "timestamp", now()));
		assertThat(post(fields(params, sign(params)), png(2, 2)).statusCode()).isEqualTo(200);
		Map<String, Object> destroy = new TreeMap<>(
				Map.of("public_id", "gone", "invalidate", "true", "type", "upload", "timestamp", now()));
		HttpResponse<String> refused = destroy(destroy, "0".repeat(40));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("Invalid Signature");
		assertThat(this.standIn.assets()).hasSize(1);
		HttpResponse<String> ok = destroy(destroy, sign(destroy));
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
		assertThat(ok.body()).isEqualTo("{\"result\":\"ok\"}");
		assertThat(this.standIn.assets()).isEmpty();
		assertThat(destroy(destroy, sign(destroy)).body()).isEqualTo("{\"result\":\"not found\"}");
		assertThat(this.standIn.destroys()).extracting(StandInAdmin.Destroy::signatureValid)
			.containsExactly(false, true, true);
		assertThat(this.standIn.destroys().get(1).invalidate()).isTrue();
	}

	@Test
	void heldNotificationsAreSentTwiceWhenReleasedAndFailedDestroysAreRecorded() throws Exception {
		this.standIn.holdNotifications();
		this.standIn.duplicateNotifications(true);
		Map<String, Object> params = new TreeMap<>(
				Map.of("notification_url", "http://127.0.0.1:1/closed", "timestamp", now()));
		assertThat(post(fields(params, sign(params)), png(1, 1)).statusCode()).isEqualTo(200);
		Thread.sleep(200);
		assertThat(this.standIn.notificationsSent()).isEmpty();
		this.standIn.releaseNotifications();
		Eventually.within(Duration.ofSeconds(10), () -> this.standIn.notificationsSent().size() == 2);
		assertThat(this.standIn.notificationsSent()).extracting(StandInAssets.NotificationSent::status)
			.containsExactly(-1, -1);
		this.standIn.failDestroy(500, 1);
		Map<String, Object> destroy = new TreeMap<>(Map.of("public_id", "x", "timestamp", now()));
		assertThat(destroy(destroy, sign(destroy)).statusCode()).isEqualTo(500);
		assertThat(destroy(destroy, sign(destroy)).body()).isEqualTo("{\"result\":\"not found\"}");
		assertThat(this.standIn.destroys()).extracting(StandInAdmin.Destroy::status).containsExactly(500, 200);
	}

	private HttpResponse<String> destroy(Map<String, Object> params, String signature) throws Exception {
		StringBuilder form = new StringBuilder();
		fields(params, signature).forEach((name, value) -> form.append(form.isEmpty() ? "" : "&")
			.append(name)
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return this.client
			.send(HttpRequest.newBuilder(URI.create(this.standIn.uploadPrefix() + "/v1_1/demo/image/destroy"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	private static String now() {
		return Long.toString(System.currentTimeMillis() / 1000);
	}

	private static String sign(Map<String, Object> params) {
		return Util.produceSignature(params, "secret", SignatureAlgorithm.SHA1, 2);
	}

	private static CloudinaryAccounts accounts() {
		CloudinaryAccount account = new CloudinaryAccount("demo", "1234", ApiSecret.of("secret"),
				dev.signet.cloudinary.SignatureAlgorithm.SHA1, 2, CloudinaryAccount.DEFAULT_UPLOAD_PREFIX);
		return new CloudinaryAccounts() {

			@Override
			public KeyRing keyRing(String name) {
				return new KeyRing(name, List.of(account), null);
			}

			@Override
			public Set<String> names() {
				return Set.of(CloudinaryAccounts.DEFAULT);
			}

		};
	}

	private static byte[] png(int width, int height) {
		byte[] png = new byte[33];
		byte[] head = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
		System.arraycopy(head, 0, png, 0, head.length);
		png[16] = (byte) (width >>> 24);
		png[17] = (byte) (width >>> 16);
		png[18] = (byte) (width >>> 8);
		png[19] = (byte) width;
		png[20] = (byte) (height >>> 24);
		png[21] = (byte) (height >>> 16);
		png[22] = (byte) (height >>> 8);
		png[23] = (byte) height;
		return png;
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
