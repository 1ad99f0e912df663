package dev.signet.uploads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.cloudinary.SignatureAlgorithm;
import dev.signet.support.CloudinaryStandIn;
import dev.signet.support.Eventually;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.Multipart;
import dev.signet.support.StandInAdmin;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 end to end through the Cloudinary stand-in: Signet signs, the client uploads
 * to the stand-in, Signet learns what arrived by push (the stand-in's signed upload
 * notification to Signet's own receiver) or by pull (the client hands in the upload
 * response, Signet asks the Admin API), judges the real asset against the profile,
 * destroys what breaks a rule with a signed {@code destroy}, counts the byte quota and
 * tells the app.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "SIGNET_API_KEYS=" + TestAccounts.API_KEYS + ",other:" + AfterTheUploadIntegrationTests.OTHER,
				"signet.profiles.push.clients=web,other", "signet.profiles.push.notify=true",
				"signet.profiles.push.max-bytes=1000B", "signet.profiles.pull.clients=web",
				"signet.profiles.pull.max-bytes=1000B", "signet.profiles.quota.clients=web",
				"signet.profiles.quota.max-bytes-per-day=1200B", "signet.profiles.widget.clients=web,other",
				"signet.profiles.widget.notify=true", "signet.profiles.widget.max-bytes=1000B",
				"signet.profiles.widget.forced.public-id=w/{uuid}", "signet.profiles.widget.allowed.source.kind=name",
				"signet.profiles.widget.allowed.overwrite.values=false", "signet.profiles.plain.clients=web" })
class AfterTheUploadIntegrationTests {

	static final String OTHER = "other-key-0123456789abcdef";

	private static final int PORT = freePort();

	private static final CloudinaryStandIn standIn = new CloudinaryStandIn(TestAccounts.CLOUD_NAME,
			TestAccounts.API_KEY, TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA256, Clock.systemUTC());

	private Http http;

	@DynamicPropertySource
	static void cloudinary(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("signet.public-url", () -> "http://127.0.0.1:" + PORT);
		registry.add("CLOUDINARY_URL",
				() -> TestAccounts.cloudinaryUrl("signature_algorithm=sha256&upload_prefix=" + standIn.uploadPrefix()));
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@BeforeEach
	void setUp() {
		this.http = new Http(PORT);
	}

	@Test
	void byPushAFileWithinMaxBytesEndsCompleteWithItsAssetId() {
		JsonNode signed = sign("push");
		String id = signed.get("upload_id").stringValue();
		assertThat(id).matches("[0-9a-f]{32}");
		assertThat(signed.get("params").get("notification_url").stringValue())
			.isEqualTo("http://127.0.0.1:" + PORT + "/v1/notifications/cloudinary");
		JsonNode uploaded = upload(signed, 500);
		JsonNode record = waitFor(id, TestAccounts.CLIENT_KEY);
		assertThat(record.get("status").stringValue()).isEqualTo("complete");
		assertThat(record.get("asset_id").stringValue()).isEqualTo(uploaded.get("asset_id").stringValue());
		assertThat(record.get("public_id").stringValue()).isEqualTo(uploaded.get("public_id").stringValue());
		assertThat(record.get("secure_url").stringValue()).isEqualTo(uploaded.get("secure_url").stringValue());
		assertThat(record.get("bytes").longValue()).isEqualTo(500);
		assertThat(record.get("format").stringValue()).isEqualTo("png");
		assertThat(record.get("width").intValue()).isEqualTo(2);
		assertThat(record.has("reason")).isFalse();
		assertThat(standIn.destroys()).noneMatch((d) -> d.publicId().equals(record.get("public_id").stringValue()));
	}

	@Test
	void byPushAFileOverMaxBytesEndsRejectedAndIsDestroyedWithASignedDestroy() {
		JsonNode signed = sign("push");
		String id = signed.get("upload_id").stringValue();
		JsonNode uploaded = upload(signed, 5000);
		JsonNode record = waitFor(id, TestAccounts.CLIENT_KEY);
		assertThat(record.get("status").stringValue()).isEqualTo("rejected");
		assertThat(record.get("reason").stringValue()).contains("5000").contains("1000");
		assertDestroyed(uploaded.get("public_id").stringValue(), id);
	}

	@Test
	void byPullAFileWithinMaxBytesEndsCompleteWithWhatTheAdminApiSays() {
		JsonNode signed = sign("pull");
		String id = signed.get("upload_id").stringValue();
		assertThat(signed.get("params").has("notification_url")).isFalse();
		JsonNode uploaded = upload(signed, 500);
		int lookups = standIn.adminLookups();
		Response completed = complete(id, uploaded.toString(), TestAccounts.CLIENT_KEY);
		assertThat(completed.status()).as(completed.body()).isEqualTo(200);
		assertThat(completed.json().get("status").stringValue()).isEqualTo("complete");
		assertThat(completed.json().get("asset_id").stringValue()).isEqualTo(uploaded.get("asset_id").stringValue());
		assertThat(completed.json().get("bytes").longValue()).isEqualTo(500);
		assertThat(standIn.adminLookups()).isGreaterThan(lookups);
		assertThat(get(id, "", TestAccounts.CLIENT_KEY).json().get("status").stringValue()).isEqualTo("complete");
	}

	@Test
	void byPullAFileOverMaxBytesEndsRejectedAndIsDestroyedWithASignedDestroy() {
		JsonNode signed = sign("pull");
		String id = signed.get("upload_id").stringValue();
		JsonNode uploaded = upload(signed, 5000);
		Response completed = complete(id, uploaded.toString(), TestAccounts.CLIENT_KEY);
		assertThat(completed.status()).as(completed.body()).isEqualTo(200);
		assertThat(completed.json().get("status").stringValue()).isEqualTo("rejected");
		assertDestroyed(uploaded.get("public_id").stringValue(), id);
	}

	@Test
	void aPulledUploadResponseWhoseSizeWasChangedIsRefusedAndDecidesNothing() {
		JsonNode signed = sign("pull");
		String id = signed.get("upload_id").stringValue();
		JsonNode uploaded = upload(signed, 5000);
		String forged = uploaded.toString().replace("\"signature\":\"", "\"signature\":\"0");
		Response completed = complete(id, forged, TestAccounts.CLIENT_KEY);
		assertThat(completed.status()).as(completed.body()).isBetween(400, 422);
		assertThat(completed.header("Content-Type")).startsWith("application/problem+json");
		assertThat(get(id, "", TestAccounts.CLIENT_KEY).json().get("status").stringValue()).isEqualTo("issued");
	}

	@Test
	void theUploadThatCrossesTheDailyQuotaIsKeptAndTheNextSignatureIsRefusedWith429() {
		for (int i = 0; i < 3; i++) {
			JsonNode signed = sign("quota");
			JsonNode uploaded = upload(signed, 500);
			Response completed = complete(signed.get("upload_id").stringValue(), uploaded.toString(),
					TestAccounts.CLIENT_KEY);
			assertThat(completed.json().get("status").stringValue()).as("upload %d (1500 bytes cross 1200)", i)
				.isEqualTo("complete");
			assertThat(standIn.destroys())
				.noneMatch((d) -> d.publicId().equals(uploaded.get("public_id").stringValue()));
		}
		Response refused = this.http.postJson("/v1/signatures", "{\"profile\": \"quota\", \"params\": {}}");
		assertThat(refused.status()).as(refused.body()).isEqualTo(429);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.json().get("limit").stringValue()).isEqualTo("max-bytes-per-day");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 86_400L);
	}

	@Test
	void anUploadIsShownOnlyToItsOwnerAndAForeignIdAnswersLikeAnUnknownOne() {
		JsonNode signed = sign("push");
		String id = signed.get("upload_id").stringValue();
		Response foreign = get(id, "", OTHER);
		Response unknown = get("0123456789abcdef0123456789abcdef", "", OTHER);
		Response malformed = get("not-an-upload-id", "", OTHER);
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(malformed.status()).isEqualTo(404);
		assertThat(foreign.json().get("type")).isEqualTo(unknown.json().get("type"));
		assertThat(foreign.json().get("detail")).isEqualTo(unknown.json().get("detail"));
		assertThat(complete(id, "{}", OTHER).status()).isEqualTo(404);
		assertThat(get(id, "", TestAccounts.CLIENT_KEY).json().get("status").stringValue()).isEqualTo("issued");
	}

	@Test
	void aWidgetUploadUnderAForcedUniquePublicIdIsTiedByItAndJudgedByPush() {
		String publicId = "w/" + java.util.UUID.randomUUID();
		String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
		String receiver = "http://127.0.0.1:" + PORT + "/v1/notifications/cloudinary";
		Response signed = this.http.postJson("/v1/signatures/widget?profile=widget",
				"{\"paramsToSign\": {\"source\": \"uw\", \"timestamp\": " + timestamp + ", \"public_id\": \"" + publicId
						+ "\", \"overwrite\": false, \"notification_url\": \"" + receiver + "\"}}");
		assertThat(signed.status()).as(signed.body()).isEqualTo(200);
		String id = signed.json().get("upload_id").stringValue();
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("source", "uw");
		fields.put("timestamp", timestamp);
		fields.put("public_id", publicId);
		fields.put("overwrite", "false");
		fields.put("notification_url", receiver);
		fields.put("api_key", signed.json().get("api_key").stringValue());
		fields.put("signature", signed.json().get("signature").stringValue());
		upload(standIn.uploadPrefix() + "/v1_1/" + TestAccounts.CLOUD_NAME + "/auto/upload", fields, 5000);
		JsonNode record = waitFor(id, TestAccounts.CLIENT_KEY);
		assertThat(record.get("status").stringValue()).isEqualTo("rejected");
		assertThat(record.get("public_id").stringValue()).isEqualTo(publicId);
		assertDestroyed(publicId, id);
	}

	@Test
	void aWidgetPublicIdSignedAgainIsTheSameUploadForItsCallerAndRefusedToAnother() {
		String publicId = "w/" + java.util.UUID.randomUUID();
		String body = "{\"paramsToSign\": {\"timestamp\": " + java.time.Instant.now().getEpochSecond()
				+ ", \"public_id\": \"" + publicId + "\", \"overwrite\": false, \"notification_url\": "
				+ "\"http://127.0.0.1:" + PORT + "/v1/notifications/cloudinary\"}}";
		Response first = this.http.postJson("/v1/signatures/widget?profile=widget", body);
		Response again = this.http.postJson("/v1/signatures/widget?profile=widget", body);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(again.json().get("upload_id")).isEqualTo(first.json().get("upload_id"));
		Response other = this.http.send("POST", "/v1/signatures/widget?profile=widget", body, "Content-Type",
				"application/json", "X-Api-Key", OTHER);
		assertThat(other.status()).as(other.body()).isEqualTo(400);
		assertThat(other.json().get("invalid_params").findValuesAsString("name")).containsExactly("public_id");
	}

	@Test
	void aWidgetThatLeavesOutSignetsReceiverIsToldToSetIt() {
		String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
		Response refused = this.http.postJson("/v1/signatures/widget?profile=widget",
				"{\"paramsToSign\": {\"timestamp\": " + timestamp + ", \"public_id\": \"w/"
						+ java.util.UUID.randomUUID() + "\", \"overwrite\": false}}");
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().get("invalid_params").findValuesAsString("name")).contains("notification_url");
		assertThat(refused.json().get("widget_options").get("notification_url").stringValue())
			.isEqualTo("http://127.0.0.1:" + PORT + "/v1/notifications/cloudinary");
	}

	@Test
	void aWidgetUnderAProfileThatChecksAssetsWithoutAUniquePublicIdIsRefused() {
		String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
		Response refused = this.http.postJson("/v1/signatures/widget?profile=pull",
				"{\"paramsToSign\": {\"timestamp\": " + timestamp + "}}");
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().get("invalid_params").findValuesAsString("name")).containsExactly("public_id");
		assertThat(refused.json().get("detail").stringValue()).contains("{uuid}");
	}

	@Test
	void aClientMayNeitherSendSignetsContextKeyNorItsOwnNotificationUrl() {
		Response context = this.http.postJson("/v1/signatures",
				"{\"profile\": \"default\", \"params\": {\"context\": \"alt=x|signet_upload_id=0123456789abcdef0123456789abcdef\"}}");
		assertThat(context.status()).as(context.body()).isEqualTo(400);
		assertThat(context.json().get("invalid_params").findValuesAsString("name")).containsExactly("context");
		assertThat(context.json().get("invalid_params").get(0).get("reason").stringValue()).contains("Signet's own");
		Response url = this.http.postJson("/v1/signatures",
				"{\"profile\": \"push\", \"params\": {\"notification_url\": \"https://elsewhere.example/hook\"}}");
		assertThat(url.status()).as(url.body()).isEqualTo(400);
		assertThat(url.json().get("invalid_params").findValuesAsString("name")).containsExactly("notification_url");
	}

	@Test
	void tieNoneSignsOnlyWhatTheClientSentAndOnlyWhereNoRuleChecksTheAsset() {
		Response plain = this.http.postJson("/v1/signatures",
				"{\"profile\": \"plain\", \"tie\": \"none\", \"params\": {}}");
		assertThat(plain.status()).as(plain.body()).isEqualTo(200);
		assertThat(plain.json().has("upload_id")).isFalse();
		assertThat(plain.json().get("params").has("context")).isFalse();
		Response checked = this.http.postJson("/v1/signatures",
				"{\"profile\": \"pull\", \"tie\": \"none\", \"params\": {}}");
		assertThat(checked.status()).as(checked.body()).isEqualTo(400);
		assertThat(checked.json().get("invalid_params").findValuesAsString("name")).containsExactly("tie");
		Response publicId = this.http.postJson("/v1/signatures",
				"{\"profile\": \"pull\", \"tie\": \"public_id\", \"params\": {}}");
		assertThat(publicId.status()).as(publicId.body()).isEqualTo(400);
		assertThat(publicId.json().get("invalid_params").findValuesAsString("name")).containsExactly("tie");
		Response unknown = this.http.postJson("/v1/signatures",
				"{\"profile\": \"plain\", \"tie\": \"sometimes\", \"params\": {}}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("detail").stringValue()).contains("tie must be");
	}

	@Test
	void aWaitThatIsNoDurationIsRefusedNamingWait() {
		String id = sign("pull").get("upload_id").stringValue();
		Response refused = get(id, "?wait=soon", TestAccounts.CLIENT_KEY);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.json().get("invalid_params").findValuesAsString("name")).containsExactly("wait");
		Response waited = get(id, "?wait=300ms", TestAccounts.CLIENT_KEY);
		assertThat(waited.status()).isEqualTo(200);
		assertThat(waited.json().get("status").stringValue()).isEqualTo("issued");
	}

	private void assertDestroyed(String publicId, String id) {
		assertThat(Eventually.within(Duration.ofSeconds(10),
				() -> standIn.destroys().stream().anyMatch((d) -> d.publicId().equals(publicId) && d.status() == 200)))
			.as("destroyed: %s", standIn.destroys())
			.isTrue();
		StandInAdmin.Destroy destroy = standIn.destroys()
			.stream()
			.filter((d) -> d.publicId().equals(publicId))
			.findFirst()
			.orElseThrow();
		assertThat(destroy.signatureValid()).isTrue();
		assertThat(destroy.invalidate()).isTrue();
		assertThat(standIn.assets()).noneMatch((a) -> a.publicId().equals(publicId));
		assertThat(Eventually.within(Duration.ofSeconds(10),
				() -> get(id, "", TestAccounts.CLIENT_KEY).json().path("removed").asBoolean()))
			.isTrue();
	}

	private JsonNode sign(String profile) {
		Response signed = this.http.postJson("/v1/signatures", "{\"profile\": \"" + profile + "\", \"params\": {}}");
		assertThat(signed.status()).as(signed.body()).isEqualTo(200);
		return signed.json();
	}

	private JsonNode waitFor(String id, String key) {
		Response response = get(id, "?wait=15s", key);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private Response get(String id, String query, String key) {
		return this.http.send("GET", "/v1/uploads/" + id + query, null, "X-Api-Key", key);
	}

	private Response complete(String id, String uploadResponse, String key) {
		return this.http.send("POST", "/v1/uploads/" + id + "/complete", uploadResponse, "Content-Type",
				"application/json", "X-Api-Key", key);
	}

	static JsonNode upload(JsonNode signed, int bytes) {
		Map<String, String> fields = new LinkedHashMap<>();
		signed.get("params").properties().forEach((e) -> fields.put(e.getKey(), e.getValue().stringValue()));
		fields.put("api_key", signed.get("api_key").stringValue());
		fields.put("signature", signed.get("signature").stringValue());
		return upload(signed.get("upload_url").stringValue(), fields, bytes);
	}

	static JsonNode upload(String uploadUrl, Map<String, String> fields, int bytes) {
		Multipart.Body body = Multipart.build(fields, "photo.png", png(bytes));
		HttpRequest request = HttpRequest.newBuilder(URI.create(uploadUrl))
			.header("Content-Type", body.contentType())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
			.build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A 2 x 2 PNG padded after its end with zeros to exactly the size asked for (image
	 * decoders ignore what follows IEND).
	 */
	static byte[] png(int size) {
		try {
			java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(2, 2,
					java.awt.image.BufferedImage.TYPE_INT_RGB);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			javax.imageio.ImageIO.write(image, "png", out);
			byte[] png = out.toByteArray();
			assertThat(png.length).isLessThan(size);
			return Arrays.copyOf(png, size);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
