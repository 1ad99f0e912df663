package dev.signet.clients;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

import com.cloudinary.Cloudinary;
import com.cloudinary.ProgressCallback;
import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Uploader;
import com.cloudinary.Util;
import com.cloudinary.strategies.AbstractUploaderStrategy;
import com.cloudinary.utils.ObjectUtils;
import com.cloudinary.utils.StringUtils;
import dev.signet.support.CloudinaryStandIn;
import dev.signet.support.CloudinaryStandIn.Attempt;
import dev.signet.support.Multipart;
import dev.signet.support.MutableClock;
import dev.signet.support.TestAccounts;
import org.cloudinary.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Android's chunked upload with a {@code SignatureProvider} backed by a Signet upload
 * session, on the JVM (issue 14). What is reproduced, from the SDK sources
 * (cloudinary/cloudinary_android 3.1.2, which uses cloudinary-core's uploader):
 * <ul>
 * <li>{@code core/src/main/java/com/cloudinary/android/DefaultRequestProcessor.java},
 * {@code processRequest} and {@code doProcess}: once per run of an upload request (not
 * per part) it calls {@code SignatureProvider.provideSignature(options)} with the app's
 * own upload options, puts the answer's signature, timestamp and api_key into the options
 * and calls {@code Uploader.uploadLarge(file, options, bufferSize, offset,
 * uploadUniqueId, callback)}; the part size is the {@code chunk_size} option (default
 * {@code Uploader.BUFFER_SIZE}, 20,000,000), chosen before the provider is called; the
 * {@code X-Unique-Upload-Id} is the SDK's own {@code randomPublicId()} (16 hex
 * characters) on a first run and the stored {@code original_upload_id}, with the stored
 * {@code offset} (the bytes of the whole parts sent), on a resumed run; only an
 * {@code IOException} (a network error) reschedules the request, any other failure (a 400
 * or 401 from Cloudinary) is final. This class ports these two methods
 * ({@link AndroidRequest}).</li>
 * <li>{@code core/src/main/java/com/cloudinary/android/UploaderStrategy.java},
 * {@code callApi}: the posted fields (blank values dropped, collections as
 * {@code name[]}), the extra headers, the status codes it reads a body from and the error
 * message it throws. Ported with {@code HttpURLConnection} as
 * {@link AndroidUploaderStrategy}.</li>
 * <li>cloudinary-core's {@code com.cloudinary.Uploader.uploadLarge} and
 * {@code uploadLargeParts} run as they are (the SDK's own code, from the test class path,
 * 2.4.0; the Android SDK 3.1.2 declares 2.3.0, and cloudinary/cloudinary_java's
 * {@code cloudinary-core/src/main/java/com/cloudinary/Uploader.java} has not changed from
 * 2024-07 to the 2026-07 sources read): one signature for every part of a run, the same
 * {@code X-Unique-Upload-Id}, {@code Content-Range: bytes start-end/total}.</li>
 * <li>{@code core/src/main/java/com/cloudinary/android/AndroidJobStrategy.java}: the
 * WorkManager job builds its {@code RequestParams} afresh from the saved
 * {@code PayloadData} on every run, so on a device a rescheduled or restarted request
 * begins again at byte 0 under a new {@code X-Unique-Upload-Id}; what {@code doProcess}
 * stores for a resume only takes effect where the params are kept. Both are run here
 * ({@link Params}).</li>
 * </ul>
 * The provider ({@link SignetSessionSignatureProvider}, quoted in
 * {@code docs/clients.md}) begins a session on its first call for an upload and re-signs
 * that same session on every later call, including from a new instance after the app was
 * killed. One {@link MutableClock} is Signet's clock and the stand-in's.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.profiles.mobile.clients=web",
				"signet.profiles.mobile.resource-types=video", "signet.profiles.mobile.forced.folder=mobile/{client}",
				"signet.profiles.mobile.allowed.public-id.kind=path",
				"signet.profiles.mobile.allowed.overwrite.values=false", "signet.profiles.mobile.validity=10m",
				"signet.profiles.mobile.chunk-size=" + MobileChunkedContractTests.PART + "B",
				"signet.profiles.mobile.session-validity=24h" })
class MobileChunkedContractTests {

	/** The profile's chunk-size, the smallest part Cloudinary takes (5 MiB). */
	static final int PART = 5_242_880;

	private static final MutableClock clock = new MutableClock(Instant.now());

	private static final CloudinaryStandIn standIn = new CloudinaryStandIn(TestAccounts.CLOUD_NAME,
			TestAccounts.API_KEY, TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA1, clock);

	/** Two whole parts and a short last one. */
	private static final int TOTAL = 2 * PART + 1_000;

	@LocalServerPort
	private int port;

	@TempDir
	private Path folder;

	private File video;

	/** What the providers asked Signet, in order ({@code POST /v1/uploads}, ...). */
	private final List<String> signetCalls = new ArrayList<>();

	@DynamicPropertySource
	static void cloudinary(DynamicPropertyRegistry registry) {
		registry.add("CLOUDINARY_URL", () -> TestAccounts.cloudinaryUrl("upload_prefix=" + standIn.uploadPrefix()));
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@BeforeEach
	void setUp() throws IOException {
		byte[] bytes = new byte[TOTAL];
		new Random(14).nextBytes(bytes);
		this.video = Files.write(this.folder.resolve("trip.mp4"), bytes).toFile();
	}

	@Test
	void oneRunBeginsTheSessionOnceAndSendsEveryPartWithItsSignatureUnderTheSdksOwnUploadId() throws IOException {
		Map<String, String> store = new HashMap<>();
		SignetSessionSignatureProvider provider = provider(store);
		AndroidRequest request = new AndroidRequest(options("trip-1"), this.video, Params.KEPT);
		int before = standIn.attempts().size();
		Outcome outcome = request.process(provider, new Network((part) -> false));
		assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.SUCCESS);
		assertThat(outcome.result()).containsEntry("bytes", TOTAL).containsEntry("public_id", "trip-1");
		assertThat(this.signetCalls).containsExactly("POST /v1/uploads");
		String sessionId = store.get("trip-1");
		assertThat(sessionId).matches("[0-9a-f]{32}");
		List<Attempt> parts = standIn.attempts().subList(before, standIn.attempts().size());
		assertThat(parts).hasSize(3).allSatisfy((part) -> assertThat(part.accepted()).as(part.toString()).isTrue());
		assertThat(parts).extracting((part) -> part.part().start()).containsExactly(0L, (long) PART, 2L * PART);
		assertThat(parts).extracting((part) -> part.part().total()).containsOnly((long) TOTAL);
		String sdkId = parts.get(0).part().uploadId();
		assertThat(sdkId).as("Cloudinary#randomPublicId, not Signet's upload_id").matches("[0-9a-f]{16}");
		assertThat(parts).extracting((part) -> part.part().uploadId()).containsOnly(sdkId);
		assertThat(parts).extracting((part) -> part.params().get("timestamp"))
			.as("one signature per run")
			.hasSize(3)
			.containsOnly(parts.get(0).params().get("timestamp"));
		assertThat(provider.finish("trip-1")).isEqualTo(204);
		assertThat(store).isEmpty();
		Attempt upload = ClientVerdicts.record("Android chunked contract (uploadLarge + session SignatureProvider)",
				parts.get(2));
		assertThat(upload.file()).as("the assembled file").isEqualTo(Files.readAllBytes(this.video.toPath()));
	}

	@Test
	void partRetriedAfterTheFirstSignatureWentStaleIsSentWithTheReSignedSessionAndAccepted() {
		Map<String, String> store = new HashMap<>();
		SignetSessionSignatureProvider provider = provider(store);
		AndroidRequest request = new AndroidRequest(options("trip-2"), this.video, Params.KEPT);
		int before = standIn.attempts().size();
		Outcome first = request.process(provider, new Network((part) -> part == 2));
		assertThat(first.status()).as("a network error reschedules").isEqualTo(Status.RESCHEDULE);
		clock.advance(Duration.ofHours(2));
		Outcome second = request.process(provider, new Network((part) -> false));
		assertThat(second.status()).as(second.toString()).isEqualTo(Status.SUCCESS);
		assertThat(second.result()).containsEntry("bytes", TOTAL);
		String sessionId = store.get("trip-2");
		assertThat(this.signetCalls).containsExactly("POST /v1/uploads",
				"POST /v1/uploads/" + sessionId + "/signature");
		List<Attempt> parts = standIn.attempts().subList(before, standIn.attempts().size());
		assertThat(parts).hasSize(3).allSatisfy((part) -> assertThat(part.accepted()).as(part.toString()).isTrue());
		assertThat(parts).extracting((part) -> part.part().start())
			.as("resumed after the whole parts sent")
			.containsExactly(0L, (long) PART, 2L * PART);
		assertThat(parts).extracting((part) -> part.part().uploadId()).containsOnly(parts.get(0).part().uploadId());
		long firstTimestamp = Long.parseLong((String) parts.get(0).params().get("timestamp"));
		long retried = Long.parseLong((String) parts.get(1).params().get("timestamp"));
		assertThat(retried).as("re-signed two hours later").isGreaterThanOrEqualTo(firstTimestamp + 7200);
		assertThat(provider.finish("trip-2")).isEqualTo(204);
	}

	@Test
	void partRetriedWithTheFirstSignatureAfterItWentStaleIsRefusedAndTheSdkGivesUp() {
		Map<String, String> store = new HashMap<>();
		SignatureProvider once = new OneSignatureProvider(provider(store));
		AndroidRequest request = new AndroidRequest(options("trip-3"), this.video, Params.KEPT);
		int before = standIn.attempts().size();
		assertThat(request.process(once, new Network((part) -> part == 2)).status()).isEqualTo(Status.RESCHEDULE);
		clock.advance(Duration.ofHours(2));
		Outcome second = request.process(once, new Network((part) -> false));
		assertThat(second.status()).as("a 400 is final for the SDK").isEqualTo(Status.FAILURE);
		assertThat(second.error()).startsWith("Stale request - reported time is ");
		List<Attempt> parts = standIn.attempts().subList(before, standIn.attempts().size());
		assertThat(parts).hasSize(2);
		assertThat(parts.get(1).status()).isEqualTo(400);
		assertThat(parts.get(1).part().start()).isEqualTo(PART);
		assertThat(this.signetCalls).containsExactly("POST /v1/uploads");
	}

	@Test
	void runOutlivingItsOneSignatureFailsAtTheNextPartAndTheSdkGivesUp() {
		Map<String, String> store = new HashMap<>();
		AndroidRequest request = new AndroidRequest(options("trip-5"), this.video, Params.KEPT);
		int before = standIn.attempts().size();
		// the profile's validity is 10 minutes: the first part takes 11
		standIn.afterEveryAcceptedPart((part) -> clock.advance(Duration.ofMinutes(11)));
		Outcome outcome;
		try {
			outcome = request.process(provider(store), new Network((part) -> false));
		}
		finally {
			standIn.afterEveryAcceptedPart((part) -> {
			});
		}
		assertThat(outcome.status()).as("the SDK asks for no signature within a run").isEqualTo(Status.FAILURE);
		assertThat(outcome.error()).startsWith("Stale request - reported time is ");
		List<Attempt> parts = standIn.attempts().subList(before, standIn.attempts().size());
		assertThat(parts).extracting(Attempt::status).containsExactly(200, 400);
		assertThat(this.signetCalls).containsExactly("POST /v1/uploads");
	}

	@Test
	void uploadRunAgainAfterTheAppWasKilledIsSignedByANewProviderReSigningTheStoredSession() {
		Map<String, String> store = new ConcurrentHashMap<>(); // SharedPreferences:
																// survives the kill
		AndroidRequest request = new AndroidRequest(options("trip-4"), this.video, Params.REBUILT);
		int before = standIn.attempts().size();
		Outcome killed = request.process(provider(store), new Network((part) -> {
			if (part == 2) {
				throw new Killed();
			}
			return false;
		}));
		assertThat(killed.status()).isEqualTo(Status.KILLED);
		String sessionId = store.get("trip-4");
		assertThat(sessionId).matches("[0-9a-f]{32}");
		clock.advance(Duration.ofMinutes(30));
		SignetSessionSignatureProvider afterRestart = provider(store);
		Outcome second = request.process(afterRestart, new Network((part) -> false));
		assertThat(second.status()).as(second.toString()).isEqualTo(Status.SUCCESS);
		assertThat(second.result()).containsEntry("bytes", TOTAL).containsEntry("public_id", "trip-4");
		assertThat(this.signetCalls).containsExactly("POST /v1/uploads",
				"POST /v1/uploads/" + sessionId + "/signature");
		List<Attempt> parts = standIn.attempts().subList(before, standIn.attempts().size());
		assertThat(parts).hasSize(4).allSatisfy((part) -> assertThat(part.accepted()).as(part.toString()).isTrue());
		List<Attempt> rerun = parts.subList(1, 4);
		assertThat(rerun).extracting((part) -> part.part().start())
			.as("WorkManager's params are rebuilt: from byte 0")
			.containsExactly(0L, (long) PART, 2L * PART);
		assertThat(rerun).extracting((part) -> part.part().uploadId())
			.containsOnly(rerun.get(0).part().uploadId())
			.doesNotContain(parts.get(0).part().uploadId());
		assertThat(afterRestart.finish("trip-4")).isEqualTo(204);
		assertThat(this.signetCalls).last().isEqualTo("DELETE /v1/uploads/" + sessionId);
	}

	/**
	 * The app's options for one upload: the profile's forced folder, a chosen public_id
	 * with overwrite=false, the part size Signet's profile gives.
	 */
	private static Map<String, Object> options(String publicId) {
		Map<String, Object> options = new HashMap<>();
		options.put("folder", "mobile/web");
		options.put("public_id", publicId);
		options.put("overwrite", false);
		options.put("resource_type", "video");
		options.put("chunk_size", PART);
		return options;
	}

	private SignetSessionSignatureProvider provider(Map<String, String> store) {
		return new SignetSessionSignatureProvider(store, "http://127.0.0.1:" + this.port, this.signetCalls);
	}

	private static String read(InputStream in) throws IOException {
		try (in) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			in.transferTo(out);
			return out.toString(StandardCharsets.UTF_8);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		MutableClock clock() {
			return clock;
		}

	}

	/** {@code com.cloudinary.android.signed.SignatureProvider}. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	interface SignatureProvider {

		Signature provideSignature(Map options);

		String getName();

	}

	/**
	 * {@code com.cloudinary.android.signed.Signature}.
	 *
	 * @param signature the signature
	 * @param apiKey the API key
	 * @param timestamp the signed timestamp
	 */
	record Signature(String signature, String apiKey, long timestamp) {

	}

	/**
	 * The app's provider: begins one Signet upload session per upload (keyed by its
	 * public_id), then re-signs that session on every later call.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	static final class SignetSessionSignatureProvider implements SignatureProvider {

		// #region android-session
		// public_id -> upload_id; SharedPreferences in the app: survives a kill
		private final Map<String, String> uploadIds;

		@Override
		public Signature provideSignature(Map options) {
			// Called on the upload thread once per run of the request: the first run,
			// each retry after a network error, the run after the app was killed.
			// Never per part. Blocking is fine here.
			String key = (String) options.get("public_id"); // yours, with overwrite=false
			String uploadId = this.uploadIds.get(key);
			JSONObject answer;
			if (uploadId == null) {
				// Sign what the SDK posts: buildUploadParams(options) minus blank values.
				JSONObject params = new JSONObject();
				for (Map.Entry<String, Object> e : Util.buildUploadParams(options).entrySet()) {
					if (StringUtils.isNotBlank(e.getValue())) {
						params.put(e.getKey(), e.getValue());
					}
				}
				answer = postJson("/v1/uploads", new JSONObject().put("profile", "mobile")
					.put("tie", "none") // the SDK posts its own options: Signet adds
										// nothing
					.put("resource_type", options.get("resource_type"))
					.put("params", params));
				this.uploadIds.put(key, answer.getString("upload_id"));
			}
			else {
				// Same session, same parameters, fresh timestamp and signature.
				answer = postJson("/v1/uploads/" + uploadId + "/signature", new JSONObject());
			}
			return new Signature(answer.getString("signature"), answer.getString("api_key"),
					answer.getLong("timestamp"));
		}

		/** Call from the UploadCallback's onSuccess: the session signs nothing more. */
		int finish(String publicId) {
			String uploadId = this.uploadIds.remove(publicId);
			return (uploadId != null) ? delete("/v1/uploads/" + uploadId) : 404;
		}
		// #endregion android-session

		private final String signet;

		private final List<String> calls;

		SignetSessionSignatureProvider(Map<String, String> uploadIds, String signet, List<String> calls) {
			this.uploadIds = uploadIds;
			this.signet = signet;
			this.calls = calls;
		}

		@Override
		public String getName() {
			return "Signet upload session";
		}

		/** The app's HTTP call; throws with Signet's answer on anything but 2xx. */
		private JSONObject postJson(String path, JSONObject body) {
			this.calls.add("POST " + path);
			try {
				HttpURLConnection connection = open("POST", path);
				connection.setDoOutput(true);
				connection.setRequestProperty("Content-Type", "application/json");
				try (OutputStream out = connection.getOutputStream()) {
					out.write(body.toString().getBytes(StandardCharsets.UTF_8));
				}
				int status = connection.getResponseCode();
				String answer = read((status < 400) ? connection.getInputStream() : connection.getErrorStream());
				if (status / 100 != 2) {
					throw new IllegalStateException("Signet answered " + status + ": " + answer);
				}
				return new JSONObject(answer);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private int delete(String path) {
			this.calls.add("DELETE " + path);
			try {
				return open("DELETE", path).getResponseCode();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private HttpURLConnection open(String method, String path) throws IOException {
			HttpURLConnection connection = (HttpURLConnection) URI.create(this.signet + path).toURL().openConnection();
			connection.setRequestMethod(method);
			connection.setRequestProperty("X-Api-Key", TestAccounts.CLIENT_KEY);
			return connection;
		}

	}

	/**
	 * What a provider fetching one signature per upload does: it answers its first
	 * signature again on every later call.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	static final class OneSignatureProvider implements SignatureProvider {

		private final SignatureProvider delegate;

		private Signature first;

		OneSignatureProvider(SignatureProvider delegate) {
			this.delegate = delegate;
		}

		@Override
		public Signature provideSignature(Map options) {
			if (this.first == null) {
				this.first = this.delegate.provideSignature(options);
			}
			return this.first;
		}

		@Override
		public String getName() {
			return "one signature";
		}

	}

	enum Status {

		SUCCESS, RESCHEDULE, FAILURE, KILLED

	}

	/**
	 * What a run of a request ended with.
	 *
	 * @param status the status
	 * @param result the upload response on success
	 * @param error the error message otherwise
	 */
	record Outcome(Status status, Map<String, Object> result, String error) {

	}

	/**
	 * How the request's {@code RequestParams} live between runs: kept (what
	 * {@code DefaultRequestProcessor.doProcess} writes its resume state for) or rebuilt
	 * from the saved payload on every run ({@code AndroidJobStrategy} in 3.1.2).
	 */
	enum Params {

		KEPT, REBUILT

	}

	/** The app process was killed in the middle of the upload. */
	static final class Killed extends RuntimeException {

		Killed() {
			super("process killed");
		}

	}

	/**
	 * The device's network: fails the request for the parts {@code fails} picks (1-based
	 * within a run) with the {@code IOException} of a dropped connection.
	 *
	 * @param fails which parts fail
	 */
	record Network(IntPredicate fails) {

	}

	/**
	 * {@code DefaultRequestProcessor.processRequest} and {@code doProcess} for one upload
	 * request whose payload is a file ({@code FilePayload.prepare} answers the
	 * {@code File}); not immediate, so a network error reschedules it.
	 */
	static final class AndroidRequest {

		private static final int MAX_ERROR_RETRIES = 5;

		private final Map<String, Object> options;

		private final File file;

		private final Params lifetime;

		private final Map<String, Object> kept = new HashMap<>();

		AndroidRequest(Map<String, Object> options, File file, Params lifetime) {
			this.options = options;
			this.file = file;
			this.lifetime = lifetime;
		}

		Outcome process(SignatureProvider provider, Network network) {
			Map<String, Object> params = (this.lifetime == Params.KEPT) ? this.kept : new HashMap<>();
			// UploadRequest.decodeOptions: a fresh copy of the options on every run
			Map<String, Object> options = new HashMap<>(this.options);
			int errorCount = (int) params.getOrDefault("errorCount", 0);
			Cloudinary cloudinary = new Cloudinary(Map.of("cloud_name", TestAccounts.CLOUD_NAME, "upload_prefix",
					standIn.uploadPrefix(), "load_strategies", false));
			Uploader uploader = new Uploader(cloudinary, new AndroidUploaderStrategy(network));
			long offset = (long) params.getOrDefault("offset", 0L);
			int defaultBufferSize = options.containsKey("chunk_size") ? (int) options.get("chunk_size")
					: Uploader.BUFFER_SIZE;
			int bufferSize;
			String uploadUniqueId;
			if (offset > 0) {
				bufferSize = (int) params.getOrDefault("original_buffer_size", defaultBufferSize);
				uploadUniqueId = (String) params.get("original_upload_id");
			}
			else {
				bufferSize = ObjectUtils.asInteger(options.get("chunk_size"), defaultBufferSize);
				// new Cloudinary().randomPublicId() on Android (the same method)
				uploadUniqueId = cloudinary.randomPublicId();
			}
			try {
				Signature signature = provider.provideSignature(options);
				options.put("signature", signature.signature());
				options.put("timestamp", signature.timestamp());
				options.put("api_key", signature.apiKey());
			}
			catch (RuntimeException ex) {
				return new Outcome(Status.FAILURE, null, "Could not retrieve signature: " + ex.getMessage());
			}
			long[] bytesUploaded = { offset };
			ProgressCallback callback = (bytes, totalBytes) -> bytesUploaded[0] = bytes;
			try {
				@SuppressWarnings("unchecked")
				Map<String, Object> result = uploader.uploadLarge(this.file, options, bufferSize, offset,
						uploadUniqueId, callback);
				return new Outcome(Status.SUCCESS, result, null);
			}
			catch (Killed ex) {
				return new Outcome(Status.KILLED, null, ex.getMessage());
			}
			catch (IOException ex) {
				if (errorCount >= MAX_ERROR_RETRIES) {
					return new Outcome(Status.FAILURE, null, "Request reached max retries allowed");
				}
				params.put("errorCount", errorCount + 1);
				return new Outcome(Status.RESCHEDULE, null, ex.getMessage());
			}
			catch (RuntimeException ex) {
				return new Outcome(Status.FAILURE, null, ex.getMessage());
			}
			finally {
				params.put("original_buffer_size", bufferSize);
				params.put("offset", bytesUploaded[0] - bytesUploaded[0] % bufferSize);
				params.put("original_upload_id", uploadUniqueId);
			}
		}

	}

	/**
	 * {@code com.cloudinary.android.UploaderStrategy.callApi}, with
	 * {@code HttpURLConnection} as there and {@link Multipart} for its
	 * {@code MultipartUtility}; an app holding no API secret, so the provider's signature
	 * is always in the options.
	 */
	static final class AndroidUploaderStrategy extends AbstractUploaderStrategy {

		private final Network network;

		private int part;

		AndroidUploaderStrategy(Network network) {
			this.network = network;
		}

		@Override
		@SuppressWarnings({ "rawtypes", "unchecked" })
		public Map callApi(String action, Map<String, Object> params, Map options, Object file,
				ProgressCallback progressCallback) throws IOException {
			boolean returnError = ObjectUtils.asBoolean(options.get("return_error"), false);
			if (requiresSigning(action, options)) {
				String apiKey = ObjectUtils.asString(options.get("api_key"), cloudinary().config.apiKey);
				assertThat(options).containsKeys("signature", "timestamp");
				params.put("timestamp", options.get("timestamp"));
				params.put("signature", options.get("signature"));
				params.put("api_key", apiKey);
			}
			String apiUrl = buildUploadUrl(action, options);
			this.part++;
			if (this.network.fails().test(this.part)) {
				throw new SocketException("Connection reset");
			}
			Map<String, String> fields = new LinkedHashMap<>();
			for (Map.Entry<String, Object> param : params.entrySet()) {
				if (param.getValue() instanceof Collection values) {
					for (Object value : values) {
						fields.put(param.getKey() + "[]", ObjectUtils.asString(value));
					}
				}
				else if (StringUtils.isNotBlank(param.getValue())) {
					fields.put(param.getKey(), param.getValue().toString());
				}
			}
			byte[] bytes = (byte[]) file; // uploadLargeParts always posts a part's buffer
			Multipart.Body body = Multipart.build(fields, (String) options.get("filename"), bytes);
			HttpURLConnection connection = (HttpURLConnection) URI.create(apiUrl).toURL().openConnection();
			connection.setRequestMethod("POST");
			connection.setDoOutput(true);
			Map<String, String> headers = (Map<String, String>) options.get("extra_headers");
			if (headers != null) {
				headers.forEach(connection::setRequestProperty);
			}
			connection.setRequestProperty("Content-Type", body.contentType());
			connection.setRequestProperty("User-Agent", "CloudinaryAndroid/3.1.2");
			try (OutputStream out = connection.getOutputStream()) {
				out.write(body.bytes());
			}
			if (progressCallback != null) {
				progressCallback.onProgress(bytes.length, bytes.length);
			}
			int code = connection.getResponseCode();
			String responseData = read((code >= 400) ? connection.getErrorStream() : connection.getInputStream());
			connection.disconnect();
			if (!Set.of(200, 400, 404, 500).contains(code)) {
				throw new RuntimeException("Server returned unexpected status code - " + code + " - " + responseData);
			}
			JSONObject result = new JSONObject(responseData);
			if (result.has("error") && !returnError) {
				throw new RuntimeException(result.getJSONObject("error").getString("message"));
			}
			return ObjectUtils.toMap(result);
		}

	}

}
