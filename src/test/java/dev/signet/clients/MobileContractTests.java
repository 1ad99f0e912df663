package dev.signet.clients;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Util;
import com.cloudinary.utils.ObjectUtils;
import com.cloudinary.utils.StringUtils;
import dev.signet.support.CloudinaryStandIn;
import dev.signet.support.CloudinaryStandIn.Attempt;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.Multipart;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mobile SDKs' contract, on the JVM. Android's {@code SignatureProvider}, iOS's
 * {@code CLDSignature}, React Native and Flutter post only the app's own upload options
 * plus {@code signature}, {@code timestamp} and {@code api_key}: they never post a
 * parameter Signet adds. So the app's options must already hold the profile's forced
 * values (from {@code GET /v1/profiles/{name}}) and {@code overwrite=false} with a chosen
 * {@code public_id}; then Signet adds nothing but the timestamp and the upload is
 * accepted. Android is reproduced with the SDK's own serializer,
 * {@code com.cloudinary.Util.buildUploadParams}, and the posting rules of its
 * {@code UploaderStrategy} (blank values dropped, collections as {@code name[]}).
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "SIGNET_API_KEYS=" + TestAccounts.API_KEYS,
		"signet.profiles.mobile.clients=web", "signet.profiles.mobile.forced.folder=mobile/{client}",
		"signet.profiles.mobile.forced.upload-preset=mobile", "signet.profiles.mobile.allowed.public-id.kind=path",
		"signet.profiles.mobile.allowed.overwrite.values=false", "signet.profiles.mobile.allowed.tags.max-items=5",
		"signet.profiles.mobile.allowed.context.kind=text",
		"signet.profiles.mobile.allowed.context.context-keys=alt,caption",
		"signet.profiles.mobile.allowed.unique-filename.kind=boolean" })
class MobileContractTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final CloudinaryStandIn standIn = new CloudinaryStandIn(TestAccounts.CLOUD_NAME,
			TestAccounts.API_KEY, TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA1, Clock.systemUTC());

	@LocalServerPort
	private int port;

	private Http http;

	@DynamicPropertySource
	static void cloudinary(DynamicPropertyRegistry registry) {
		registry.add("CLOUDINARY_URL", () -> TestAccounts.cloudinaryUrl("upload_prefix=" + standIn.uploadPrefix()));
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
	void androidUploadWithProfileValuesInItsOptionsIsSignedAsSentAndAccepted() throws Exception {
		Map<String, Object> options = forcedValuesOfProfile("mobile");
		options.put("public_id", "avatar-7");
		options.put("overwrite", false);
		options.put("unique_filename", true);
		options.put("tags", "android,profile");
		options.put("context", "alt=Me|caption=Hi");
		options.put("resource_type", "image");
		JsonNode signed = androidSignatureProvider(options);
		Map<String, String> signedParams = strings(signed.get("params"));
		Map<String, String> posted = androidPostedFields(options, signed);
		assertThat(signedParams).containsExactlyInAnyOrderEntriesOf(withoutCredentials(posted));
		assertThat(signedParams).containsEntry("folder", "mobile/web")
			.containsEntry("upload_preset", "mobile")
			.containsEntry("overwrite", "false")
			.containsEntry("unique_filename", "true");
		Attempt upload = ClientVerdicts.record("Android contract (Util.buildUploadParams + UploaderStrategy fields)",
				post(signed.get("upload_url").stringValue(), posted));
		assertThat(upload.accepted()).as(upload.toString()).isTrue();
	}

	@Test
	void androidUploadChoosingPublicIdWithoutOverwriteFalseIsRejectedByCloudinary() throws Exception {
		Map<String, Object> options = forcedValuesOfProfile("mobile");
		options.put("public_id", "avatar-8");
		JsonNode signed = androidSignatureProvider(options);
		// Signet signs overwrite=false (Cloudinary would overwrite otherwise) but the SDK
		// posts only the app's options: the signature covers a parameter never sent.
		assertThat(strings(signed.get("params"))).containsEntry("overwrite", "false");
		Map<String, String> posted = androidPostedFields(options, signed);
		assertThat(posted).doesNotContainKey("overwrite");
		Attempt upload = ClientVerdicts.record("Android contract without overwrite=false in its options",
				post(signed.get("upload_url").stringValue(), posted));
		assertThat(upload.status()).isEqualTo(401);
		assertThat(upload.verdict()).startsWith("Invalid Signature ")
			.endsWith("String to sign - 'folder=mobile/web&public_id=avatar-8&timestamp="
					+ signed.get("timestamp").asString() + "&upload_preset=mobile'.");
	}

	@Test
	void signetAddsNothingToMobileRequestAlreadyCarryingForcedValuesAndOverwriteFalse() throws Exception {
		// iOS (CLDSignature), React Native and Flutter post their options as strings,
		// plus signature, timestamp and api_key.
		Map<String, Object> options = forcedValuesOfProfile("mobile");
		options.put("public_id", "ios-42");
		options.put("overwrite", "false");
		Response response = this.http.postJson("/v1/signatures",
				JSON.writeValueAsString(Map.of("profile", "mobile", "tie", "none", "params", options)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode signed = response.json();
		Map<String, String> expected = new TreeMap<>(strings(JSON.valueToTree(options)));
		expected.put("timestamp", signed.get("timestamp").asString());
		assertThat(strings(signed.get("params"))).containsExactlyEntriesOf(expected);
		Map<String, String> posted = new LinkedHashMap<>(strings(JSON.valueToTree(options)));
		posted.put("signature", signed.get("signature").stringValue());
		posted.put("timestamp", signed.get("timestamp").asString());
		posted.put("api_key", signed.get("api_key").stringValue());
		Attempt upload = ClientVerdicts.record("Mobile contract (own options + signature, timestamp, api_key)",
				post(signed.get("upload_url").stringValue(), posted));
		assertThat(upload.accepted()).as(upload.toString()).isTrue();
	}

	/**
	 * What the app reads once from {@code GET /v1/profiles/{name}}: the forced values,
	 * resolved for this caller, to put into its upload options.
	 */
	private Map<String, Object> forcedValuesOfProfile(String name) {
		Response profile = this.http.send("GET", "/v1/profiles/" + name, null, "X-Api-Key", TestAccounts.CLIENT_KEY);
		assertThat(profile.status()).as(profile.body()).isEqualTo(200);
		return new LinkedHashMap<>(strings(profile.json().get("forced")));
	}

	/**
	 * The app's {@code SignatureProvider.provideSignature(options)}: asks Signet to sign
	 * exactly what the SDK will post, {@code Util.buildUploadParams(options)} without its
	 * blank entries.
	 */
	private JsonNode androidSignatureProvider(Map<String, Object> options) {
		Map<String, Object> params = new TreeMap<>(Util.buildUploadParams(options));
		params.values().removeIf((value) -> !StringUtils.isNotBlank(value));
		Response response = this.http.postJson("/v1/signatures",
				JSON.writeValueAsString(Map.of("profile", "mobile", "tie", "none", "params", params)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	/**
	 * The fields Android's {@code UploaderStrategy.callApi} posts once
	 * {@code DefaultRequestProcessor} has put the provider's signature, timestamp and API
	 * key into the options.
	 */
	private static Map<String, String> androidPostedFields(Map<String, Object> options, JsonNode signed) {
		Map<String, Object> withSignature = new LinkedHashMap<>(options);
		withSignature.put("signature", signed.get("signature").stringValue());
		withSignature.put("timestamp", signed.get("timestamp").asString());
		withSignature.put("api_key", signed.get("api_key").stringValue());
		Map<String, Object> params = Util.buildUploadParams(withSignature);
		params.put("timestamp", withSignature.get("timestamp"));
		params.put("signature", withSignature.get("signature"));
		params.put("api_key", withSignature.get("api_key"));
		Map<String, String> fields = new LinkedHashMap<>();
		params.forEach((name, value) -> {
			if (value instanceof Collection<?> values) {
				values.forEach((item) -> fields.put(name + "[]", ObjectUtils.asString(item)));
			}
			else if (StringUtils.isNotBlank(value)) {
				fields.put(name, value.toString());
			}
		});
		return fields;
	}

	private static Map<String, String> withoutCredentials(Map<String, String> fields) {
		Map<String, String> params = new LinkedHashMap<>(fields);
		params.remove("signature");
		params.remove("api_key");
		return params;
	}

	private static Map<String, String> strings(JsonNode object) {
		Map<String, String> values = new LinkedHashMap<>();
		object.properties().forEach((e) -> values.put(e.getKey(), e.getValue().asString()));
		return values;
	}

	private static Attempt post(String url, Map<String, String> fields) throws IOException, InterruptedException {
		int before = standIn.attempts().size();
		Multipart.Body body = Multipart.build(fields, "avatar.png", new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", body.contentType())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
			.build();
		HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(standIn.attempts()).hasSize(before + 1);
		return standIn.attempts().get(before);
	}

}
