package dev.signet.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import authserver.AuthServerApp;
import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Util;
import dev.signet.support.CloudinaryStandIn;
import dev.signet.support.CloudinaryStandIn.Attempt;
import dev.signet.support.CloudinaryStandIn.Part;
import dev.signet.support.Eventually;
import dev.signet.support.Http;
import dev.signet.support.Multipart;
import dev.signet.support.MutableClock;
import dev.signet.support.Needs;
import dev.signet.support.TestAccounts;
import dev.signet.support.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example React page uploads a 12 MiB file in three parts through an upload session,
 * in Debian's headless Chromium driven by playwright-core, to the Cloudinary stand-in.
 * Signet and the stand-in share one {@link MutableClock}; after every part the stand-in
 * accepts, the test moves that clock and the page's clock (Playwright's fake clock,
 * through the script's control server) two hours on, so every later part would be refused
 * with the signature of the part before and passes only because the page asked Signet for
 * a fresh one. A screenshot of the final state goes to {@code target/screenshots}.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.jwt.audience=signet",
				"logging.level.signet.audit=INFO", "signet.profiles.big-files.jwt-clients=web-app",
				"signet.profiles.big-files.chunk-size=5MB", "signet.profiles.big-files.session-validity=24h",
				"signet.profiles.big-files.allowed.folder.kind=path",
				"signet.profiles.big-files.allowed.[public_id].kind=path" })
@Needs({ Tool.CHROMIUM, Tool.NODE_PACKAGES, Tool.EXAMPLE_PAGE })
@ExtendWith(OutputCaptureExtension.class)
class BrowserChunkedUploadTests {

	/** 12 MiB: two parts of the profile's 5 MiB chunk size and one of 2 MiB. */
	private static final int FILE_SIZE = 12 * 1024 * 1024;

	private static final int CHUNK = 5 * 1024 * 1024;

	/** Twice Cloudinary's hour: no signature outlives one step. */
	private static final Duration BETWEEN_PARTS = Duration.ofHours(2);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final MutableClock clock = new MutableClock(Instant.now());

	private static final CloudinaryStandIn standIn = new CloudinaryStandIn(TestAccounts.CLOUD_NAME,
			TestAccounts.API_KEY, TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA256, clock);

	/** Each accepted part and the stand-in's time when it judged it. */
	private static final List<Judged> judged = new CopyOnWriteArrayList<>();

	/** Whether the clocks move on after every accepted part. */
	private static volatile boolean movingClocks;

	private static ConfigurableApplicationContext authServer;

	private static ExamplePageServer page;

	private static Path chromium;

	private static Path bigFile;

	private static Path controlFile;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startPage() throws IOException {
		chromium = Path.of(Tool.CHROMIUM.location());
		page = new ExamplePageServer(Path.of(Tool.EXAMPLE_PAGE.location()));
		bigFile = randomFile("twelve-mib.bin", FILE_SIZE);
		controlFile = Files.createTempFile("signet-page-clock", ".port");
		standIn.afterEveryAcceptedPart((attempt) -> {
			judged.add(new Judged(attempt, clock.instant()));
			if (movingClocks) {
				clock.advance(BETWEEN_PARTS);
				advancePageClock(BETWEEN_PARTS);
			}
		});
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		authServer = AuthServerApp.start();
		// Signet reads the issuer's metadata at startup with a short timeout: answer once
		// first.
		new Http(Integer.parseInt(issuer().substring(issuer().lastIndexOf(':') + 1))).send("GET",
				"/.well-known/openid-configuration", null);
		registry.add("signet.jwt.issuer-uri", BrowserChunkedUploadTests::issuer);
		registry.add("signet.cors.allowed-origins", () -> page.origin());
		registry.add("CLOUDINARY_URL",
				() -> TestAccounts.cloudinaryUrl("signature_algorithm=sha256&upload_prefix=" + standIn.uploadPrefix()));
	}

	@AfterAll
	static void stop() throws IOException {
		standIn.close();
		if (page != null) {
			page.close();
		}
		if (authServer != null) {
			authServer.close();
		}
		if (controlFile != null) {
			Files.deleteIfExists(controlFile);
		}
	}

	@BeforeEach
	void configurePage() throws IOException {
		page.signIn(BrowserChunkedUploadTests::issuer);
		page.config(pageConfig(60));
		Files.writeString(controlFile, "");
		judged.clear();
		movingClocks = true;
	}

	@Test
	void bigFileGoesInPartsEachSignedAfreshOnceTheSignatureBeforeWouldBeStale(CapturedOutput output) throws Exception {
		int attemptsBefore = standIn.attempts().size();
		int acceptedBefore = standIn.accepted().size();
		JsonNode shown = browse("chunked-upload", Map.of("folder", "big", "public_id", "twelve-mib"));

		assertThat(shown.get("outcome").stringValue()).as(shown.toString()).isEqualTo("result");
		assertThat(shown.get("publicId").stringValue()).isEqualTo("twelve-mib");
		assertThat(shown.get("percent").stringValue()).isEqualTo("100%");
		assertThat(shown.get("parts").valueStream().map(JsonNode::stringValue)).containsExactly(
				"Part 1 of 3 uploaded (5,242,880 of 12,582,912 bytes)",
				"Part 2 of 3 uploaded (10,485,760 of 12,582,912 bytes)",
				"Part 3 of 3 uploaded (12,582,912 of 12,582,912 bytes)");

		String uploadId = auditedUploadId(output);
		List<Attempt> parts = List.copyOf(standIn.attempts().subList(attemptsBefore, standIn.attempts().size()));
		assertThat(parts).as("every part accepted at its first try").hasSize(3).allMatch(Attempt::accepted);
		assertThat(parts).extracting(Attempt::part)
			.containsExactly(new Part(uploadId, 0, CHUNK - 1, FILE_SIZE),
					new Part(uploadId, CHUNK, 2 * CHUNK - 1, FILE_SIZE),
					new Part(uploadId, 2 * CHUNK, FILE_SIZE - 1, FILE_SIZE));
		assertThat(parts).allSatisfy((part) -> {
			assertThat(part.userAgent()).contains("HeadlessChrome");
			assertThat(part.origin()).isEqualTo(page.origin());
		});
		assertThat(standIn.accepted()).as("the whole upload accepted once").hasSize(acceptedBefore + 1);
		assertThat(standIn.accepted().get(acceptedBefore)).containsEntry("folder", "big")
			.containsEntry("public_id", "twelve-mib");
		assertThat(parts.get(2).file()).as("assembled file").isEqualTo(Files.readAllBytes(bigFile));
		ClientVerdicts.record("React page, upload session in 3 parts (uploadInParts, Chromium, JWT)", parts.get(2));

		// Each part was fresh when the stand-in judged it; the first part's signature
		// would
		// not have been, for either later part.
		assertThat(judged).hasSize(3);
		long first = timestamp(judged.get(0).attempt());
		for (int i = 0; i < 3; i++) {
			long age = judged.get(i).at().getEpochSecond() - timestamp(judged.get(i).attempt());
			assertThat(age).as("part %d's signature age", i + 1).isBetween(0L, 60L);
		}
		for (int i = 1; i < 3; i++) {
			assertThat(judged.get(i).at().getEpochSecond() - first).as("part 1's signature at part %d", i + 1)
				.isGreaterThan(3600);
			assertThat(timestamp(judged.get(i).attempt()))
				.isGreaterThanOrEqualTo(timestamp(judged.get(i - 1).attempt()) + BETWEEN_PARTS.toSeconds());
		}
		HttpResponse<String> replay = postPart(judged.get(0).attempt().params(), uploadId, CHUNK, 2 * CHUNK - 1);
		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(replay.body()).contains("Stale request - reported time is " + first);

		// The page asked Signet twice for a fresh signature (before parts 2 and 3), both
		// audited with the session's upload_id, and finished the session.
		assertThat(shown.get("requests").valueStream().map(JsonNode::stringValue))
			.filteredOn((request) -> request.contains("/v1/uploads"))
			.containsExactly("POST http://127.0.0.1:" + this.port + "/v1/uploads",
					"POST http://127.0.0.1:" + this.port + "/v1/uploads/" + uploadId + "/signature",
					"POST http://127.0.0.1:" + this.port + "/v1/uploads/" + uploadId + "/signature",
					"DELETE http://127.0.0.1:" + this.port + "/v1/uploads/" + uploadId);
		Eventually.within(Duration.ofSeconds(5), () -> audited(output, "upload_resign", uploadId).size() == 2);
		assertThat(audited(output, "upload_resign", uploadId)).hasSize(2)
			.allSatisfy((event) -> assertThat(event.get("event").stringValue()).isEqualTo("signature.issued"))
			.allSatisfy((event) -> assertThat(event.get("client").stringValue()).isEqualTo("web-app"));
		Http http = new Http(this.port);
		String token = JSON.readTree(Tokens.response(issuer(), "web-app")).get("access_token").stringValue();
		Http.Response after = http.send("POST", "/v1/uploads/" + uploadId + "/signature", "{}", "Content-Type",
				"application/json", "Authorization", "Bearer " + token);
		assertThat(after.status()).as("the page finished the session").isEqualTo(410);
		assertThat(after.json().get("detail").stringValue()).contains("was finished");
	}

	@Test
	void withoutReSigningTheSecondPartIsRefusedAsStaleAndThePageSaysSo(CapturedOutput output) {
		page.config(pageConfig(Duration.ofDays(1).toSeconds()));
		int attemptsBefore = standIn.attempts().size();
		int acceptedBefore = standIn.accepted().size();
		JsonNode shown = browse("chunked-upload-not-resigned", Map.of("folder", "big", "public_id", "stale"), null);

		assertThat(shown.get("outcome").stringValue()).as(shown.toString()).isEqualTo("error");
		assertThat(shown.get("error").stringValue())
			.startsWith("Cloudinary refused the upload (HTTP 400): Stale request - reported time is ")
			.endsWith(" which is more than 1 hour ago");
		assertThat(shown.get("parts").valueStream().map(JsonNode::stringValue))
			.containsExactly("Part 1 of 3 uploaded (5,242,880 of 12,582,912 bytes)");
		List<Attempt> parts = List.copyOf(standIn.attempts().subList(attemptsBefore, standIn.attempts().size()));
		assertThat(parts).extracting(Attempt::status).containsExactly(200, 400);
		assertThat(parts.get(1).params().get("timestamp")).isEqualTo(parts.get(0).params().get("timestamp"));
		assertThat(standIn.accepted()).hasSize(acceptedBefore);
		String uploadId = auditedUploadId(output);
		assertThat(audited(output, "upload_resign", uploadId)).isEmpty();
		assertThat(shown.get("requests").valueStream().map(JsonNode::stringValue))
			.as("a refused part is not retried and the session stays open to resume")
			.noneMatch((request) -> request.contains("/signature") || request.startsWith("DELETE"));
	}

	@Test
	void partMeetingNetworkErrorIsSentAgainOnceWithAFreshSignature(CapturedOutput output) {
		movingClocks = false;
		int attemptsBefore = standIn.attempts().size();
		JsonNode shown = browse("chunked-upload-retried", Map.of("folder", "big", "public_id", "retried"),
				"bytes " + CHUNK + "-");

		assertThat(shown.get("outcome").stringValue()).as(shown.toString()).isEqualTo("result");
		assertThat(shown.get("publicId").stringValue()).isEqualTo("retried");
		assertThat(shown.get("aborted").stringValue())
			.isEqualTo("bytes " + CHUNK + "-" + (2 * CHUNK - 1) + "/" + FILE_SIZE);
		String uploadId = auditedUploadId(output);
		List<Attempt> parts = List.copyOf(standIn.attempts().subList(attemptsBefore, standIn.attempts().size()));
		assertThat(parts).hasSize(3).allMatch(Attempt::accepted);
		assertThat(parts).extracting((attempt) -> attempt.part().start()).containsExactly(0L, (long) CHUNK, 2L * CHUNK);
		String signet = "http://127.0.0.1:" + this.port + "/v1/uploads";
		String upload = standIn.uploadPrefix() + "/v1_1/" + TestAccounts.CLOUD_NAME + "/image/upload";
		assertThat(shown.get("requests").valueStream().map(JsonNode::stringValue))
			.as("no re-signing but for the retry: the clocks stand still")
			.filteredOn((request) -> request.contains("/v1/uploads") || request.contains("/upload"))
			.containsExactly("POST " + signet, "POST " + upload, "POST " + upload,
					"POST " + signet + "/" + uploadId + "/signature", "POST " + upload, "POST " + upload,
					"DELETE " + signet + "/" + uploadId);
		Eventually.within(Duration.ofSeconds(5), () -> audited(output, "upload_resign", uploadId).size() == 1);
		assertThat(audited(output, "upload_resign", uploadId)).hasSize(1);
	}

	private JsonNode browse(String name, Map<String, String> fields) {
		return browse(name, fields, null);
	}

	private JsonNode browse(String name, Map<String, String> fields, String abortOnce) {
		Map<String, Object> input = new HashMap<>();
		if (abortOnce != null) {
			input.put("abortOnce", abortOnce);
		}
		input.put("url", page.origin() + "/");
		input.put("chromium", chromium.toString());
		input.put("file", bigFile.toString());
		input.put("fields", fields);
		input.put("controlFile", controlFile.toString());
		input.put("screenshot", Tool.projectDir().resolve("target/screenshots/" + name + ".png").toString());
		return NodeScript.run("browser-chunked-upload.mjs", input);
	}

	private Map<String, Object> pageConfig(long resignAfterSeconds) {
		Map<String, Object> config = new HashMap<>();
		config.put("signetUrl", "http://127.0.0.1:" + this.port);
		config.put("tokenUrl", "/auth/token");
		config.put("profile", "big-files");
		config.put("uploadSessions", true);
		config.put("resignAfterSeconds", resignAfterSeconds);
		return config;
	}

	/** Moves the page's clock through the browser script's control server. */
	private static void advancePageClock(Duration duration) {
		try {
			String port = Files.readString(controlFile).strip();
			assertThat(port).as("the browser script's control port").isNotEmpty();
			HttpResponse<String> moved = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + port + "/advance?seconds=" + duration.toSeconds()))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(moved.statusCode()).as(moved.body()).isEqualTo(204);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Posts bytes start-end of the file as a part signed over the given parameters. */
	private static HttpResponse<String> postPart(Map<String, Object> params, String uploadId, int start, int end)
			throws IOException, InterruptedException {
		Map<String, String> fields = new LinkedHashMap<>();
		params.forEach((key, value) -> fields.put(key, String.valueOf(value)));
		fields.put("api_key", TestAccounts.API_KEY);
		fields.put("signature",
				Util.produceSignature(new HashMap<>(params), TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA256, 2));
		byte[] bytes = Files.readAllBytes(bigFile);
		byte[] part = Arrays.copyOfRange(bytes, start, end + 1);
		Multipart.Body body = Multipart.build(fields, "twelve-mib.bin", part);
		return HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create(standIn.uploadPrefix() + "/v1_1/" + TestAccounts.CLOUD_NAME + "/image/upload"))
				.header("Content-Type", body.contentType())
				.header("X-Unique-Upload-Id", uploadId)
				.header("Content-Range", "bytes " + start + "-" + end + "/" + FILE_SIZE)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The upload_id Signet gave the page's session, from its audit event. */
	private static String auditedUploadId(CapturedOutput output) {
		Eventually.within(Duration.ofSeconds(5), () -> audited(output, "upload_session", null).size() == 1);
		List<JsonNode> begun = audited(output, "upload_session", null);
		assertThat(begun).as("one upload session audited").hasSize(1);
		assertThat(begun.get(0).get("profile").stringValue()).isEqualTo("big-files");
		return begun.get(0).get("upload_id").stringValue();
	}

	/**
	 * Signet's audit events of an endpoint, of one upload session unless uploadId is
	 * null.
	 */
	private static List<JsonNode> audited(CapturedOutput output, String endpoint, String uploadId) {
		return output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{") && line.contains("\"logger\":\"signet.audit\""))
			.map(JSON::readTree)
			.filter((event) -> endpoint.equals(event.path("endpoint").stringValue(null)))
			.filter((event) -> uploadId == null || uploadId.equals(event.path("upload_id").stringValue(null)))
			.toList();
	}

	private static long timestamp(Attempt attempt) {
		return Long.parseLong((String) attempt.params().get("timestamp"));
	}

	private static Path randomFile(String name, int size) throws IOException {
		byte[] bytes = new byte[size];
		new Random(name.hashCode()).nextBytes(bytes);
		Path file = Tool.projectDir().resolve("target/client-files").resolve(name);
		Files.createDirectories(file.getParent());
		Files.write(file, bytes);
		return file;
	}

	private static String issuer() {
		return "http://127.0.0.1:" + authServer.getEnvironment().getProperty("local.server.port");
	}

	/**
	 * An accepted part and the stand-in's time when it judged it.
	 *
	 * @param attempt the part
	 * @param at the stand-in's time
	 */
	private record Judged(Attempt attempt, Instant at) {

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		MutableClock clock() {
			return clock;
		}

	}

}
