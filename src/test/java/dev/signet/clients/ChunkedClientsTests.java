package dev.signet.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.cloudinary.SignatureAlgorithm;
import dev.signet.support.CloudinaryStandIn;
import dev.signet.support.CloudinaryStandIn.Attempt;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.MutableClock;
import dev.signet.support.Needs;
import dev.signet.support.TestAccounts;
import dev.signet.support.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that upload a big file in parts through a Signet upload session, as their users
 * run them: {@code src/test/node/node-chunked-upload.mjs} (fetch, FormData and Blob in
 * Node 20) and {@code examples/curl-chunked.sh} (curl and jq). The parts go to the local
 * Cloudinary stand-in, which checks each part's signature and timestamp on its own and
 * assembles the file. The stand-in and Signet share one clock that moves 61 minutes after
 * every accepted part, so a part sent with the first part's signature would be stale.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.profiles.big.clients=web",
				"signet.profiles.big.resource-types=raw", "signet.profiles.big.chunk-size=5242880B",
				"signet.profiles.big.max-bytes=50000000B", "signet.profiles.big.allowed.folder.kind=path",
				"signet.profiles.big.allowed.tags.kind=path", "signet.profiles.big.allowed.tags.max-items=5",
				"signet.profiles.small.clients=web", "signet.profiles.small.resource-types=raw",
				"signet.profiles.small.chunk-size=5242880B", "signet.profiles.small.max-bytes=1000000B",
				"signet.profiles.small.allowed.folder.kind=path", "signet.profiles.small.allowed.tags.kind=path",
				"signet.profiles.small.allowed.tags.max-items=5", "signet.profiles.hour.clients=web",
				"signet.profiles.hour.resource-types=raw", "signet.profiles.hour.chunk-size=5242880B",
				"signet.profiles.hour.session-validity=1h", "signet.profiles.hour.allowed.folder.kind=path",
				"signet.profiles.hour.allowed.tags.kind=path", "signet.profiles.hour.allowed.tags.max-items=5" })
class ChunkedClientsTests {

	private static final long PART = 5L * 1024 * 1024;

	private static final MutableClock clock = new MutableClock(Instant.now());

	private static final CloudinaryStandIn standIn = new CloudinaryStandIn(TestAccounts.CLOUD_NAME,
			TestAccounts.API_KEY, TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA1, clock);

	private static Path video;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void files() throws IOException {
		// About 11 MiB: two parts of 5 MiB and a last one of about 1 MiB.
		byte[] bytes = new byte[(int) (2 * PART + 1024 * 1024 + 4321)];
		new Random(14).nextBytes(bytes);
		Path dir = Files.createTempDirectory("signet-chunked");
		video = dir.resolve("trip video.mp4");
		Files.write(video, bytes);
		dir.toFile().deleteOnExit();
		video.toFile().deleteOnExit();
		standIn.afterEveryAcceptedPart((part) -> clock.advance(Duration.ofMinutes(61)));
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("CLOUDINARY_URL", () -> TestAccounts.cloudinaryUrl("upload_prefix=" + standIn.uploadPrefix()));
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@Test
	@Needs(Tool.NODE_PACKAGES)
	void nodeUploadsABigFileInPartsEachWithAFreshSignetSignature() {
		int before = standIn.attempts().size();
		int acceptedBefore = standIn.accepted().size();
		NodeScript.Result run = NodeScript.start("node-chunked-upload.mjs", nodeInput("big"));
		assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
		String uploadId = run.json().get("upload_id").stringValue();
		assertThat(run.json().get("result").get("bytes").longValue()).isEqualTo(size(video));
		List<Attempt> parts = assertUploadedInThreeFreshlySignedParts(before, acceptedBefore, uploadId,
				"node-chunked-upload.mjs (fetch + FormData + Blob, Node 20)");
		assertThat(parts.get(0).userAgent()).startsWith("node");
		assertThat(parts.get(0).params()).containsEntry("tags", "node,chunked").containsEntry("folder", "trips");
	}

	@Test
	@Needs({ Tool.CURL, Tool.JQ })
	void curlExampleUploadsABigFileInPartsEachWithAFreshSignetSignature() throws Exception {
		int before = standIn.attempts().size();
		int acceptedBefore = standIn.accepted().size();
		CurlRun run = curlChunked("big");
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("\"bytes\":" + size(video));
		String uploadId = standIn.attempts().get(before).part().uploadId();
		List<Attempt> parts = assertUploadedInThreeFreshlySignedParts(before, acceptedBefore, uploadId,
				"examples/curl-chunked.sh (curl + jq)");
		assertThat(parts.get(0).userAgent()).startsWith("curl/");
		assertThat(parts.get(0).params()).containsEntry("tags", "curl").containsEntry("folder", "trips");
	}

	@Test
	@Needs(Tool.NODE_PACKAGES)
	void nodeSdkUploadLargeCannotUseSignetsSignatureBecauseEveryPartPostsFieldsNobodySigned() {
		int before = standIn.attempts().size();
		int acceptedBefore = standIn.accepted().size();
		Map<String, Object> input = nodeInput("big");
		input.put("cloudName", TestAccounts.CLOUD_NAME);
		input.put("cloudinaryApiKey", TestAccounts.API_KEY);
		input.put("uploadPrefix", standIn.uploadPrefix());
		JsonNode out = NodeScript.run("node-sdk-upload-large.mjs", input);
		assertThat(out.get("error").get("message").stringValue()).startsWith("Invalid Signature");
		Attempt first = ClientVerdicts.record(
				"Cloudinary Node SDK 2.11.0 uploader.upload_large with Signet's session signature",
				standIn.attempts().get(before));
		assertThat(standIn.attempts()).as("the SDK stops at the first refused part").hasSize(before + 1);
		assertThat(first.status()).isEqualTo(401);
		assertThat(first.part().start()).isZero();
		assertThat(first.part().total()).as("the SDK's total on parts but the last").isEqualTo(-1);
		assertThat(first.part().uploadId()).as("the SDK's own random id")
			.isNotEqualTo(out.get("session").get("upload_id").stringValue());
		// clear_blank(options) posts the SDK's own options as form fields, all of them
		// signed
		// by Cloudinary's rule but none by Signet.
		assertThat(first.params()).containsEntry("stream", "true")
			.containsEntry("content_range", "bytes 0-" + (PART - 1) + "/-1")
			.containsEntry("x_unique_upload_id", first.part().uploadId())
			.containsEntry("chunk_size", Long.toString(PART))
			.containsEntry("filename", "trip video")
			.containsEntry("timestamp", out.get("session").get("params").get("timestamp").asString());
		assertThat(standIn.accepted()).hasSize(acceptedBefore);
	}

	@Test
	@Needs(Tool.NODE_PACKAGES)
	void nodeScriptPrintsSignetsRefusalOfTheDeclaredSizeAndExits22() {
		int before = standIn.attempts().size();
		NodeScript.Result run = NodeScript.start("node-chunked-upload.mjs", nodeInput("small"));
		assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(22);
		JsonNode problem = run.json().get("refused");
		assertThat(problem.get("type").stringValue()).isEqualTo("https://signet.dev/problems/invalid-parameter");
		assertThat(problem.get("max_bytes").longValue()).isEqualTo(1_000_000L);
		assertThat(problem.get("invalid_params").get(0).get("name").stringValue()).isEqualTo("bytes");
		assertThat(standIn.attempts()).hasSize(before);
	}

	@Test
	@Needs({ Tool.CURL, Tool.JQ })
	void curlExamplePrintsSignetsRefusalOfTheDeclaredSizeAndExits22() throws Exception {
		int before = standIn.attempts().size();
		CurlRun run = curlChunked("small");
		assertThat(run.exitCode()).as(run.output()).isEqualTo(22);
		assertThat(run.output()).contains("\"type\":\"https://signet.dev/problems/invalid-parameter\"")
			.contains("\"max_bytes\":1000000")
			.contains("\"name\":\"bytes\"");
		assertThat(standIn.attempts()).hasSize(before);
	}

	@Test
	@Needs(Tool.NODE_PACKAGES)
	void nodeScriptStopsWithSignetsRefusalWhenTheUploadOutlivesItsSessionAndExits22() {
		int before = standIn.attempts().size();
		int acceptedBefore = standIn.accepted().size();
		NodeScript.Result run = NodeScript.start("node-chunked-upload.mjs", nodeInput("hour"));
		assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(22);
		assertThat(run.json().get("refused").get("type").stringValue())
			.isEqualTo("https://signet.dev/problems/upload-session-ended");
		assertOnlyTheFirstPartWent(before, acceptedBefore);
	}

	@Test
	@Needs({ Tool.CURL, Tool.JQ })
	void curlExampleStopsWithSignetsRefusalWhenTheUploadOutlivesItsSessionAndExits22() throws Exception {
		int before = standIn.attempts().size();
		int acceptedBefore = standIn.accepted().size();
		CurlRun run = curlChunked("hour");
		assertThat(run.exitCode()).as(run.output()).isEqualTo(22);
		assertThat(run.output()).contains("\"type\":\"https://signet.dev/problems/upload-session-ended\"");
		assertOnlyTheFirstPartWent(before, acceptedBefore);
	}

	private static void assertOnlyTheFirstPartWent(int before, int acceptedBefore) {
		// The clock moved 61 minutes after the first part: past the session's hour.
		assertThat(standIn.attempts()).hasSize(before + 1);
		Attempt first = standIn.attempts().get(before);
		assertThat(first.accepted()).as(first.toString()).isTrue();
		assertThat(first.part().start()).isZero();
		assertThat(standIn.accepted()).hasSize(acceptedBefore);
	}

	private List<Attempt> assertUploadedInThreeFreshlySignedParts(int before, int acceptedBefore, String uploadId,
			String client) {
		assertThat(uploadId).matches("[0-9a-f]{32}");
		List<Attempt> parts = List.copyOf(standIn.attempts().subList(before, standIn.attempts().size()));
		assertThat(parts).hasSize(3);
		for (Attempt part : parts) {
			ClientVerdicts.record(client + ", part " + part.part(), part);
		}
		assertThat(parts).as(parts.toString()).allMatch(Attempt::accepted);
		long total = size(video);
		assertThat(parts).extracting(Attempt::part)
			.containsExactly(new CloudinaryStandIn.Part(uploadId, 0, PART - 1, total),
					new CloudinaryStandIn.Part(uploadId, PART, 2 * PART - 1, total),
					new CloudinaryStandIn.Part(uploadId, 2 * PART, total - 1, total));
		long first = timestamp(parts.get(0));
		long second = timestamp(parts.get(1));
		long third = timestamp(parts.get(2));
		assertThat(second).as("the first signature was stale when the second part went").isGreaterThan(first + 3600);
		assertThat(third).as("the second signature was stale when the last part went").isGreaterThan(second + 3600);
		Map<String, Object> signed = withoutTimestamp(parts.get(0).params());
		assertThat(parts).allSatisfy((part) -> assertThat(withoutTimestamp(part.params())).isEqualTo(signed));
		assertThat(standIn.accepted()).hasSize(acceptedBefore + 1);
		assertThat(parts.get(2).file()).as("the assembled file").isEqualTo(bytes(video));
		Response resign = new Http(this.port).send("POST", "/v1/uploads/" + uploadId + "/signature", "{}", "X-Api-Key",
				TestAccounts.CLIENT_KEY, "Content-Type", "application/json");
		assertThat(resign.status()).as("the client finished the session").isEqualTo(410);
		return parts;
	}

	private Map<String, Object> nodeInput(String profile) {
		Map<String, Object> input = new HashMap<>();
		input.put("signetUrl", signetUrl());
		input.put("apiKey", TestAccounts.CLIENT_KEY);
		input.put("profile", profile);
		input.put("resourceType", "raw");
		input.put("params", Map.of("folder", "trips", "tags", List.of("node", "chunked")));
		input.put("file", video.toString());
		input.put("contentType", "video/mp4");
		return input;
	}

	private CurlRun curlChunked(String profile) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("bash", "examples/curl-chunked.sh", video.toString(), "trips")
			.directory(Tool.projectDir().toFile())
			.redirectErrorStream(true);
		builder.environment().put("SIGNET_URL", signetUrl());
		builder.environment().put("SIGNET_API_KEY", TestAccounts.CLIENT_KEY);
		builder.environment().put("SIGNET_PROFILE", profile);
		builder.environment().put("RESOURCE_TYPE", "raw");
		Process curl = builder.start();
		String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(curl.waitFor(90, TimeUnit.SECONDS)).isTrue();
		System.out.println("[curl-chunked.sh] " + output.strip());
		return new CurlRun(curl.exitValue(), output);
	}

	private String signetUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	private static long timestamp(Attempt attempt) {
		return Long.parseLong((String) attempt.params().get("timestamp"));
	}

	private static Map<String, Object> withoutTimestamp(Map<String, Object> params) {
		Map<String, Object> copy = new LinkedHashMap<>(params);
		copy.remove("timestamp");
		return copy;
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] bytes(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record CurlRun(int exitCode, String output) {

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		MutableClock clock() {
			return clock;
		}

	}

}
